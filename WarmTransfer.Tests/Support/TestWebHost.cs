using System.Net;
using System.Net.Sockets;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Tests.Support;

/// <summary>
/// The real web host (embedded silo, Kestrel on 127.0.0.1) configured through its command line, as an operator would.
/// Agents alice, bob, carol and dave have accounts with <see cref="TestCredentials.AgentPassword"/>.
/// </summary>
public sealed class TestWebHost : IAsyncDisposable
{
    public static readonly string[] Agents = ["alice", "bob", "carol", "dave"];

    private readonly WebApplication _app;

    private TestWebHost(WebApplication app, Uri baseUrl, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        BaseUrl = baseUrl;
        Settings = settings;
    }

    public Uri BaseUrl { get; }

    /// <summary>The URL Twilio is told to call (WarmTransfer:PublicBaseUrl).</summary>
    public Uri PublicBaseUrl => new(Settings["WarmTransfer:PublicBaseUrl"]!);

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a host on free ports. A port found free can be taken by another socket before the host binds it (tests
    /// that open many connections make that likely), so a start that finds its address in use tries new ports.
    /// </summary>
    /// <remarks>A Client-mode host connects to its cluster in the background; by default this waits until it has (<paramref name="waitForCluster"/>).</remarks>
    public static async Task<TestWebHost> StartAsync(Action<Dictionary<string, string?>>? configure = null, Action<WebApplicationBuilder>? services = null, bool waitForCluster = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var host = await TryStartAsync(configure, services);
                if (waitForCluster && host.Services.GetService<ClusterConnection>() is { } connection)
                {
                    await Eventually.Until(() => connection.IsConnected, "the web node to reach its cluster", TimeSpan.FromSeconds(60));
                }

                return host;
            }
            catch (Exception ex) when (attempt < 3 && IsAddressInUse(ex))
            {
            }
        }
    }

    private static bool IsAddressInUse(Exception? ex) =>
        ex is not null && (ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or Microsoft.AspNetCore.Connections.AddressInUseException
            || IsAddressInUse(ex.InnerException) || ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse));

    private static async Task<TestWebHost> TryStartAsync(Action<Dictionary<string, string?>>? configure, Action<WebApplicationBuilder>? services)
    {
        var port = FreePort.Next();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = baseUrl.ToString(),
            ["environment"] = "Production",
            ["contentRoot"] = RepositoryPaths.WebProject,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Twilio:AccountSid"] = TestCredentials.AccountSid,
            ["Twilio:AuthToken"] = TestCredentials.AuthToken,
            ["Twilio:ApiKeySid"] = TestCredentials.ApiKeySid,
            ["Twilio:ApiKeySecret"] = TestCredentials.ApiKeySecret,
            ["Twilio:CallerId"] = TestCredentials.CallerId,
            ["Twilio:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["WarmTransfer:PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/'),
            ["RateLimits:SignInPerMinute"] = "1000",
            ["RateLimits:AgentRequestsPerMinute"] = "100000",
        };
        foreach (var agent in Agents)
        {
            settings[$"Agents:Accounts:{agent}:PasswordHash"] = TestCredentials.AgentPasswordHash;
        }

        configure?.Invoke(settings);
        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
        var app = WarmTransferApp.Create(args, services);
        try
        {
            await app.StartAsync();
        }
        catch (Exception)
        {
            // Release what did start (a silo, Kestrel), without hiding the reason; a port taken meanwhile is tried again.
            try
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
            catch (Exception)
            {
            }

            throw;
        }

        return new TestWebHost(app, baseUrl, settings);
    }

    /// <summary>A client with its own cookie jar, like one browser.</summary>
    public HttpClient CreateClient(CookieContainer? cookies = null) => new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = BaseUrl,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
