using System.Net;
using WarmTransfer.Benchmarks;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Http;

/// <summary>
/// Two standalone silos and two stateless web nodes on a real Redis, wired to the Twilio emulator: a sign-in on one
/// node works on the other, and one call is handled through both nodes while its grains live in the silos.
/// </summary>
[Trait("Tier", Tier.Cluster)]
public sealed class RedisClusterTests
{
    private const string PublicBaseUrl = "https://calls.example.test";

    [Fact]
    public async Task A_transfer_runs_through_two_web_nodes_and_two_silos()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var twilio = await FakeTwilio.StartAsync();
        var cluster = new Dictionary<string, string?>
        {
            ["Orleans:RedisConnectionString"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = "redis-test",
            ["Twilio:ApiBaseUrl"] = twilio.ApiBaseUrl.ToString(),
            ["WarmTransfer:PublicBaseUrl"] = PublicBaseUrl,
        };
        await using var silo1 = await SiloProcess.StartAsync(SiloSettings(cluster));
        await using var silo2 = await SiloProcess.StartAsync(SiloSettings(cluster));
        await using var web1 = await TestWebHost.StartAsync(s => Client(s, cluster));
        await using var web2 = await TestWebHost.StartAsync(s => Client(s, cluster));
        twilio.Tunnel(new Uri(PublicBaseUrl), web1.BaseUrl);

        // Signed in on one node, the cookie and CSRF token work on the other.
        using var alice = await AgentSession.SignInAsync(web1, "alice");
        using var bob = await AgentSession.SignInAsync(web2, "bob");
        Assert.Equal(HttpStatusCode.OK, (await Send(alice, HttpMethod.Post, web2, "/alice/token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(bob, HttpMethod.Post, web1, "/bob/token")).StatusCode);

        // Twilio reaches node 1; alice answers, transfers through node 2 and completes through node 1.
        var caller = twilio.DialIn(new Uri($"{PublicBaseUrl}/conference/connect/client"));
        twilio.Answer(await twilio.RingingAsync("alice", TimeSpan.FromSeconds(20)));
        await twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "alice to talk to the caller");
        Assert.Equal(HttpStatusCode.OK, (await Send(alice, HttpMethod.Post, web2, "/agents/alice/transfer", new TransferRequest("bob"))).StatusCode);
        twilio.Answer(await twilio.RingingAsync("bob", TimeSpan.FromSeconds(20)));
        await Eventually.Until(() => Snapshot(bob, web2, "bob"), s => s.Conference?.Phase == ConferencePhase.Consulting, "bob to be consulting");
        Assert.Equal(HttpStatusCode.OK, (await Send(alice, HttpMethod.Post, web1, "/agents/alice/transfer/complete")).StatusCode);

        var bobsView = await Eventually.Until(() => Snapshot(bob, web1, "bob"), s => s.Conference?.HandlingAgentId == "bob", "bob to have the caller");
        Assert.Equal(AgentPresence.OnCall, bobsView.Agent.Presence);
        // Alice is free once Twilio reports her leg over, not when the hang-up is asked for.
        await Eventually.Until(() => Snapshot(alice, web2, "alice"), s => s.Agent.Presence == AgentPresence.Available, "alice to be free");
        await twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to bob");
        Assert.False(twilio.Read(() => caller.EverHeardSilence));
        Assert.Empty(twilio.Violations);
    }

    private static async Task<HttpResponseMessage> Send(AgentSession session, HttpMethod method, TestWebHost node, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(node.BaseUrl, path)) { Content = body is null ? null : JsonContent.Create(body, options: Json.Options) };
        request.Headers.Add(CsrfFilter.HeaderName, session.CsrfToken);
        return await session.Client.SendAsync(request);
    }

    private static async Task<AgentSnapshot> Snapshot(AgentSession session, TestWebHost node, string agentId) =>
        (await session.Client.GetFromJsonAsync<AgentSnapshot>(new Uri(node.BaseUrl, $"/agents/{agentId}"), Json.Options))!;

    private static Dictionary<string, string?> SiloSettings(Dictionary<string, string?> cluster) => new(cluster)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Twilio:AccountSid"] = TestCredentials.AccountSid,
        ["Twilio:AuthToken"] = TestCredentials.AuthToken,
        ["Twilio:CallerId"] = TestCredentials.CallerId,
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
