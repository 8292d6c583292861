using System.Net;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Operations;

[Trait("Tier", Tier.Cluster)]
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_on_a_web_node_is_for_signed_in_operators_only()
    {
        await using var host = await TestWebHost.StartAsync(s => (s["Dashboard:Enabled"], s["Dashboard:Operators:0"]) = ("true", "alice"));
        using var anonymous = host.CreateClient();
        using var bob = await AgentSession.SignInAsync(host, "bob");
        using var alice = await AgentSession.SignInAsync(host, "alice");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/ClusterStats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.Client.GetAsync("/dashboard/")).StatusCode);
        using var page = await alice.Client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var stats = await alice.Client.GetAsync("/dashboard/ClusterStats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_dashboard()
    {
        await using var host = await TestWebHost.StartAsync(s => s["Dashboard:Operators:0"] = "alice");
        using var alice = await AgentSession.SignInAsync(host, "alice");

        Assert.Equal(HttpStatusCode.NotFound, (await alice.Client.GetAsync("/dashboard/ClusterStats")).StatusCode);
    }

    [Fact]
    public async Task A_standalone_silo_serves_metrics_and_its_dashboard_over_loopback()
    {
        var httpPort = FreePort.Next();
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "operations-test",
            ["urls"] = $"http://127.0.0.1:{httpPort}",
            ["Telemetry:Prometheus"] = "true",
            ["Telemetry:PrometheusPort"] = httpPort.ToString(),
            ["Dashboard:Enabled"] = "true",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };

        var scrape = await Eventually.Until(() => ScrapeAsync(client), text => text.Contains("warmtransfer_calls"), "the silo's scrape");
        using var dashboard = await client.GetAsync("/dashboard/ClusterStats");

        Assert.Contains("warmtransfer_agents", scrape);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    /// <summary>Kestrel starts after the silo's gateway: until then the connection is refused.</summary>
    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        try
        {
            return await client.GetStringAsync("/metrics");
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
