using System.Net;
using System.Net.Http.Json;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Http;

/// <summary>Two standalone silos and two stateless web nodes on a real Redis: membership, grain state and sign-in keys are shared.</summary>
public sealed class RedisClusterTests
{
    [Fact]
    public async Task Web_nodes_share_agents_calls_and_sign_ins_across_silos()
    {
        await using var redis = await RedisServer.StartAsync();
        var cluster = new Dictionary<string, string?>
        {
            ["Orleans:Membership"] = "Redis",
            ["Orleans:Storage"] = "Redis",
            ["Orleans:RedisConnectionString"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = "redis-test",
        };
        await using var silo1 = await SiloProcess.StartAsync(SiloSettings(cluster));
        await using var silo2 = await SiloProcess.StartAsync(SiloSettings(cluster));
        await using var web1 = await TestWebHost.StartAsync(s => Client(s, cluster));
        await using var web2 = await TestWebHost.StartAsync(s => Client(s, cluster));

        // Signed in on one node; the cookie and CSRF token work on the other.
        using var alice = await AgentSession.SignInAsync(web1, "alice");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(web2.BaseUrl, "/alice/token"));
        request.Headers.Add(CsrfFilter.HeaderName, alice.CsrfToken);
        using var token = await alice.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        // What one node changes, the other sees: the agent grains live in the silos, their state in Redis.
        var away = new HttpRequestMessage(HttpMethod.Put, new Uri(web1.BaseUrl, "/agents/alice/presence")) { Content = JsonContent.Create(new PresenceRequest(AgentPresence.Away), options: Json.Options) };
        away.Headers.Add(CsrfFilter.HeaderName, alice.CsrfToken);
        using var changed = await alice.Client.SendAsync(away);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var seen = await alice.Client.GetFromJsonAsync<AgentSnapshot>(new Uri(web2.BaseUrl, "/agents/alice"), Json.Options);
        Assert.Equal(AgentPresence.Away, seen!.Agent.Presence);
    }

    private static Dictionary<string, string?> SiloSettings(Dictionary<string, string?> cluster) => new(cluster)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Twilio:AccountSid"] = TestCredentials.AccountSid,
        ["Twilio:AuthToken"] = TestCredentials.AuthToken,
        ["Twilio:CallerId"] = TestCredentials.CallerId,
        ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
        ["WarmTransfer:PublicBaseUrl"] = "http://127.0.0.1:9",
    };

    private static void Client(Dictionary<string, string?> settings, Dictionary<string, string?> cluster)
    {
        foreach (var (key, value) in cluster)
        {
            settings[key] = value;
        }

        settings["Orleans:Mode"] = "Client";
    }
}
