using System.Net;
using System.Text.Json;
using WarmTransfer.Benchmarks;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Cluster)]
public sealed class ClusterReadinessTests
{
    [Fact]
    public async Task A_client_node_starts_without_a_silo_reports_not_ready_and_becomes_ready_once_a_silo_is_up()
    {
        var siloSettings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "readiness-test",
            ["Twilio:AccountSid"] = TestCredentials.AccountSid,
            ["Twilio:AuthToken"] = TestCredentials.AuthToken,
            ["Twilio:CallerId"] = TestCredentials.CallerId,
        };
        await using var web = await TestWebHost.StartAsync(settings =>
        {
            settings["Orleans:Mode"] = "Client";
            settings["Orleans:GatewayPort"] = siloSettings["Orleans:GatewayPort"];
            settings["Orleans:ClusterId"] = "readiness-test";
        }, waitForCluster: false);
        using var client = web.CreateClient();

        using var live = await client.GetAsync("/health/live");
        var (notReady, notReadyBody) = await ReadyAsync(client);
        using var session = await client.GetAsync("/account/session");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        Assert.Equal("Unhealthy", Check(notReadyBody, "cluster").GetProperty("status").GetString());
        Assert.StartsWith("Not connected to the cluster yet", Check(notReadyBody, "cluster").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, session.StatusCode);

        await using var silo = await SiloProcess.StartAsync(siloSettings);

        var (ready, readyBody) = await Eventually.Until(() => ReadyAsync(client), r => r.Status == HttpStatusCode.OK, "the client node to be ready", TimeSpan.FromSeconds(60));
        Assert.Equal("Healthy", Check(readyBody, "cluster").GetProperty("status").GetString());
        using var sessionOnceReady = await client.GetAsync("/account/session");
        Assert.Equal(HttpStatusCode.OK, sessionOnceReady.StatusCode);
    }

    [Fact]
    public async Task A_node_with_redis_is_ready_only_while_redis_answers()
    {
        var redis = await RedisServer.StartAsync();
        await using var web = await TestWebHost.StartAsync(settings =>
        {
            settings["Orleans:RedisConnectionString"] = redis.ConnectionString;
        });
        using var client = web.CreateClient();

        var (ready, readyBody) = await ReadyAsync(client);
        await redis.DisposeAsync();
        var (notReady, notReadyBody) = await Eventually.Until(() => ReadyAsync(client), r => r.Status != HttpStatusCode.OK, "the node to notice Redis is gone");

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("Healthy", Check(readyBody, "redis").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady);
        Assert.StartsWith("Redis does not answer", Check(notReadyBody, "redis").GetProperty("description").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static JsonElement Check(JsonElement body, string name) =>
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
