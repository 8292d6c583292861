using WarmTransfer.Web.Operations;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Web.Health;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Sandbox;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Web.Hosting;

/// <summary>Builds the whole web host; Program runs it, tests start it on loopback with their own arguments.</summary>
public static class WarmTransferApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddWarmTransferWeb();
        builder.AddWarmTransferSandbox();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWarmTransferPipeline();
        app.MapHealth();
        app.UsePrometheusScraping();
        app.MapOperatorDashboard();
        app.MapTwilioWebhooks();
        app.MapAccountApi();
        app.MapAgentApi();
        app.MapSandbox();
        return app;
    }
}
