using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace WarmTransfer.Web.Sandbox;

/// <summary>
/// Once the host listens, tells the emulator where the sandbox's public URL really is (as an ngrok tunnel would), and says
/// plainly on the console that calls are simulated.
/// </summary>
public sealed partial class SandboxTunnel(SandboxTwilio sandbox, IServer server, IHostApplicationLifetime lifetime, ILogger<SandboxTunnel> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var local = LocalAddress();
            sandbox.Twilio.Tunnel(SandboxTwilio.PublicBaseUrl, local);
            LogBanner(log, new Uri(local, "/"), new Uri(local, "/sandbox"));
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Uri LocalAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.First();
        var url = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (url.Host is "0.0.0.0" or "[::]")
        {
            url.Host = "127.0.0.1";
        }

        return url.Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = """

        ┌──────────────────────────────────────────────────────────────────────────────┐
          SANDBOX: no Twilio account is configured, so every call is SIMULATED by the
          built-in Twilio emulator. Nothing reaches a real phone.
            agents  (open two tabs, sign in as any two names): {Agents}
            callers (call in, hear the line, hang up):         {Callers}
          Set Twilio:AccountSid and Twilio:AuthToken (see README) to take real calls.
        └──────────────────────────────────────────────────────────────────────────────┘
        """)]
    private static partial void LogBanner(ILogger logger, Uri agents, Uri callers);
}
