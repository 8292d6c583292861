using System.Net;
using Orleans.Storage;
using WarmTransfer.Grains;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Tests.Support;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Http;

[Trait("Tier", Tier.Cluster)]
public sealed class HostingModeTests
{
    [Fact]
    public async Task The_web_host_runs_its_own_silo_by_default()
    {
        await using var host = await TestWebHost.StartAsync();

        Assert.NotNull(host.Services.GetService<ILocalSiloDetails>());
        Assert.IsType<InProcessGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls));
        await ConnectAndAnswerACallAsync(host);
    }

    [Fact]
    public async Task The_web_host_can_be_a_client_of_a_standalone_silo()
    {
        var siloSettings = new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "hosting-test",
            ["Twilio:AccountSid"] = TestCredentials.AccountSid,
            ["Twilio:AuthToken"] = TestCredentials.AuthToken,
            ["Twilio:CallerId"] = TestCredentials.CallerId,
        };
        await using var silo = await SiloProcess.StartAsync(siloSettings);
        await using var web = await TestWebHost.StartAsync(settings =>
        {
            settings["Orleans:Mode"] = "Client";
            settings["Orleans:GatewayPort"] = siloSettings["Orleans:GatewayPort"];
            settings["Orleans:ClusterId"] = "hosting-test";
        });

        Assert.Null(web.Services.GetService<ILocalSiloDetails>());
        await ConnectAndAnswerACallAsync(web);
    }

    /// <summary>Grains answer through this host: an agent connects and an incoming call is admitted.</summary>
    private static async Task ConnectAndAnswerACallAsync(TestWebHost host)
    {
        using var alice = await AgentSession.SignInAsync(host, "alice");
        await alice.ConnectAsync();
        var snapshot = await alice.GetAsync<AgentSnapshot>("/agents/alice");
        Assert.Equal(AgentPresence.Available, snapshot.Agent.Presence);

        using var client = host.CreateClient();
        var webhooks = new SignedWebhooks(host, client);
        using var response = await webhooks.PostAsync("/conference/connect/client", webhooks.IncomingCall(Sid.Call()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Conference", await response.Content.ReadAsStringAsync());
    }
}
