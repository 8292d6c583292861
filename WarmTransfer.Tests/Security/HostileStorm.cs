using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Hosting;
using static WarmTransfer.Tests.Security.HostileRequests;
using static WarmTransfer.Tests.Security.HostileValues;

namespace WarmTransfer.Tests.Security;

/// <summary>
/// Generates hostile requests over every route the web project maps, each from its own seed, so request N is the same
/// whatever order the storm sends them in. Every request to a route that can change state carries at least one trait
/// that must get it refused; the storm checks nothing changed.
/// </summary>
public sealed partial class HostileStorm(TestWebHost host, AgentSession alice, Visitor visitor, string aliceConference, string aliceConferenceSid)
{
    private const int Oversized = 70 * 1024;

    /// <summary>Every route in MapTwilioWebhooks, MapAccountApi, MapAgentApi, MapHealth, /metrics and /dashboard, and the console's static files.</summary>
    public static readonly string[] Routes =
    [
        "POST /conference/connect/client", "POST /conference/wait", "POST /conference/hold", "POST /conference/{conferenceId}/connect/{agentId}",
        "POST /conference/{conferenceId}/events", "POST /conference/{conferenceId}/calls/{agentId}/status", "POST /conference/caller/status", "POST /conference/{conferenceId}/return?attempt=1",
        "GET /account/session", "POST /account/signin", "POST /account/signout",
        "POST /{agentId}/token", "POST /conference/{agentId}/call", "GET /agents/{agentId}", "GET /agents/{agentId}/events", "POST /agents/{agentId}/token",
        "PUT /agents/{agentId}/presence", "POST /agents/{agentId}/transfer", "POST /agents/{agentId}/transfer/three-way",
        "POST /agents/{agentId}/transfer/complete", "POST /agents/{agentId}/transfer/cancel", "POST /agents/{agentId}/hold",
        "POST /agents/{agentId}/hangup", "GET /agents", "GET /", "GET /health/live", "GET /health/ready",
        "GET /metrics", "GET /dashboard", "GET /dashboard/index.html", "GET /dashboard/favicon.ico", "GET /dashboard/index.min.js",
        "GET /dashboard/index.css", "GET /dashboard/version", "GET /dashboard/DashboardCounters", "GET /dashboard/ClusterStats",
        "GET /dashboard/Reminders", "GET /dashboard/Reminders/{page:int}", "GET /dashboard/HistoricalStats/{*path}",
        "GET /dashboard/SiloProperties/{*address}", "GET /dashboard/SiloMetadata/{*address}", "GET /dashboard/SiloStats/{*address}",
        "GET /dashboard/SiloCounters/{*address}", "GET /dashboard/GrainStats/{*grainName}", "GET /dashboard/TopGrainMethods",
        "GET /dashboard/GrainState", "GET /dashboard/LifecycleStages", "GET /dashboard/GrainTypes", "GET /dashboard/Trace",
    ];

    private readonly List<string> _incomingCallSids = [];

    /// <summary>The (spoiled) CallSids of the incoming calls the storm tried to start: none may have a conference.</summary>
    public IReadOnlyList<string> IncomingCallSids
    {
        get
        {
            lock (_incomingCallSids)
            {
                return [.. _incomingCallSids];
            }
        }
    }

    public StormRequest Create(int index, int seed)
    {
        var random = new Random(seed);
        var route = random.Pick(Routes);
        var traits = new List<string>();
        var (message, mustBeRefused) = route.StartsWith("POST /conference/") && route != "POST /conference/{agentId}/call" ? Webhook(random, route, traits)
            : route is "GET /" or "GET /account/session" or "GET /health/live" or "GET /health/ready" ? Anonymous(random, route, traits)
            : route == "POST /account/signin" ? SignIn(random, traits)
            : Agent(random, route, traits);
        var size = message.Content?.Headers.ContentLength ?? 0;
        var headerBytes = message.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v.Length));
        return new StormRequest(index, route, traits, message, mustBeRefused, size > 60 * 1024 || headerBytes > 30 * 1024);
    }

    private (HttpRequestMessage, bool) Anonymous(Random random, string route, List<string> traits)
    {
        var path = route == "GET /" ? random.Pick(new[] { "/", "/index.html", "/js/app.js", "/%2e%2e/%2e%2e/etc/passwd", "/js/..%2F..%2Fappsettings.json", "/" + new string('a', 5000), "/favicon.svg%00" }) : route.Split(' ')[1];
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        traits.Add(path.Length > 40 ? "long-path" : path);
        if (random.Next(2) == 0)
        {
            traits.Add("body-with-charset");
            request.Content = Body("x=1", $"application/json; {random.Pick(Charsets)}");
        }

        return (request, false);
    }

    private (HttpRequestMessage, bool) SignIn(Random random, List<string> traits)
    {
        var spoiler = random.Pick(new[] { "no-csrf", "forged-csrf", "charset", "content-type", "bad-json", "control-character-in-agent", "wrong-password", "oversized" });
        traits.Add(spoiler);
        var agentId = spoiler == "control-character-in-agent" ? random.Spoil("alice") : "alice";
        var password = spoiler == "wrong-password" ? "wrong" : spoiler == "oversized" ? new string('p', Oversized) : TestCredentials.AgentPassword;
        var json = spoiler == "bad-json" ? random.Pick(BadJsonBodies["/presence"]) : System.Text.Json.JsonSerializer.Serialize(new { agentId, password });
        var contentType = spoiler == "charset" ? $"application/json; {random.Pick(Charsets)}" : spoiler == "content-type" ? random.Pick(JsonContentTypes) : "application/json";
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = Body(json, contentType) };
        request.Headers.Add("Cookie", visitor.CookieHeader);
        if (spoiler != "no-csrf")
        {
            request.Headers.TryAddWithoutValidation(CsrfFilter.HeaderName, spoiler == "forged-csrf" ? random.Pick(new[] { "forged", new string('A', 4000), alice.CsrfToken }) : visitor.CsrfToken);
        }

        return (request, true);
    }

    private (HttpRequestMessage, bool) Agent(Random random, string route, List<string> traits)
    {
        var (method, template) = (new HttpMethod(route.Split(' ')[0]), route.Split(' ')[1]);
        var takesBody = route.EndsWith("/presence") || route.EndsWith("/transfer") || route.EndsWith("/hold") || route.EndsWith("/call");
        var isGet = method == HttpMethod.Get;
        string[] spoilers = route == "GET /agents" ? ["anonymous", "forged-cookie", "charset", "huge-cookie"]
            : route == "POST /account/signout" ? ["anonymous", "forged-cookie", "no-csrf", "forged-csrf", "charset"]
            : isGet ? ["anonymous", "forged-cookie", "other-agent", "charset", "huge-cookie"]
            // Without a form, the seed's /call means "any available agent": a content type is not a fault there.
            : route.EndsWith("/call") ? ["anonymous", "forged-cookie", "other-agent", "no-csrf", "forged-csrf", "charset", "bad-body", "signout"]
            : takesBody ? ["anonymous", "forged-cookie", "other-agent", "no-csrf", "forged-csrf", "charset", "content-type", "bad-body", "signout"]
            : ["anonymous", "forged-cookie", "other-agent", "no-csrf", "forged-csrf", "charset", "signout"];
        var spoiler = random.Pick(spoilers);
        traits.Add(spoiler);
        if (spoiler == "signout")
        {
            // Signing alice out would change her state: only without (or with a forged) CSRF token.
            template = "/account/signout";
            method = HttpMethod.Post;
            spoiler = random.Next(2) == 0 ? "no-csrf" : "forged-csrf";
            traits.Add(spoiler);
        }

        var agentId = spoiler == "other-agent" ? random.Pick(OtherAgents) : "alice";
        var request = new HttpRequestMessage(method, template.Replace("{agentId}", agentId));
        var (body, contentType) = route.EndsWith("/call")
            ? ("to=" + Uri.EscapeDataString(random.Spoil("bob")), FormBodies.UrlEncoded)
            : (route.EndsWith("/presence") ? "{\"presence\":\"away\"}" : route.EndsWith("/hold") ? "{\"hold\":false}" : "{\"to\":\"bob\"}", "application/json");
        if (spoiler == "bad-body")
        {
            body = route.EndsWith("/call")
                ? random.Pick(new[] { "to=" + new string('x', Oversized), string.Concat(Enumerable.Range(0, 300).Select(i => $"f{i}=v&")), "to=%FF%FE", "to=bob&to=carol" })
                : random.Pick(BadJsonBodies["/" + route.Split('/')[^1]]);
        }

        if (spoiler == "content-type")
        {
            contentType = random.Pick(route.EndsWith("/call") ? FormContentTypes : JsonContentTypes);
        }

        if (spoiler == "charset")
        {
            contentType = $"{contentType}; {random.Pick(Charsets)}";
        }

        if (takesBody || spoiler == "charset")
        {
            request.Content = route.EndsWith("/call") && spoiler == "charset" && random.Next(2) == 0
                ? Multipart([new("to", random.Spoil("bob"))], "text/plain; " + random.Pick(Charsets))
                : Body(body, contentType);
        }

        if (spoiler == "forged-cookie")
        {
            // A sign-in cookie nobody issued (or alice's, cut short), with alice's CSRF token.
            var real = alice.Cookies.GetCookies(host.BaseUrl)["wt.agent"]!.Value;
            request.Headers.Add("Cookie", random.Pick(new[] { "wt.agent=" + new string('A', 300), "wt.agent=%00%0A", "wt.agent=" + real[..^12], "wt.agent=" + new string('x', 5000) + "; wt.csrf=forged" }));
        }
        else if (spoiler != "anonymous")
        {
            request.Headers.Add("Cookie", spoiler == "huge-cookie" ? alice.Cookies.GetCookieHeader(host.BaseUrl) + "; big=" + new string('c', 40_000) : alice.Cookies.GetCookieHeader(host.BaseUrl));
        }

        if (spoiler is not ("no-csrf" or "anonymous" or "forged-cookie") || spoiler == "forged-cookie" && random.Next(2) == 0)
        {
            request.Headers.TryAddWithoutValidation(CsrfFilter.HeaderName, spoiler == "forged-csrf" ? random.Pick(new[] { "forged", new string('A', 4000), visitor.CsrfToken }) : alice.CsrfToken);
        }

        return (request, true);
    }
}
