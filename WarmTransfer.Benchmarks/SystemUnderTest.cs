using System.Net;
using System.Net.Sockets;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Accounts;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// The real web host as an operator runs it (Release, its own appsettings.json, embedded silo) on 127.0.0.1, its Twilio
/// being the emulator, which places the calls and posts Twilio's signed callbacks. Only what a deployment must set is set.
/// </summary>
public sealed class SystemUnderTest : IAsyncDisposable
{
    public const string AgentPassword = "benchmark agent password";

    private static readonly Lazy<string> AgentPasswordHash = new(() => PasswordHashes.Hash(AgentPassword));

    private readonly WebApplication _app;
    private FakeTwilio? _twilio;

    private SystemUnderTest(WebApplication app, FakeTwilio twilio, Uri baseUrl, RouteTimings timings)
    {
        _app = app;
        _twilio = twilio;
        BaseUrl = baseUrl;
        Timings = timings;
    }

    public FakeTwilio Twilio => _twilio ?? throw new InvalidOperationException("The emulator was stopped to weigh the server alone.");

    public Uri BaseUrl { get; }

    /// <summary>How long the server took per route (from the first middleware in, to its answer written).</summary>
    public RouteTimings Timings { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    public static async Task<SystemUnderTest> StartAsync(string logLevel, IEnumerable<string> agentIds, string? redis = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var settings = new Dictionary<string, string>
        {
            ["urls"] = baseUrl.ToString(),
            ["environment"] = "Production",
            ["contentRoot"] = Repository.WebProject,
            ["Logging:LogLevel:Default"] = logLevel,
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Twilio:AccountSid"] = EmulatorAccount.AccountSid,
            ["Twilio:AuthToken"] = EmulatorAccount.AuthToken,
            ["Twilio:ApiKeySid"] = "SK00000000000000000000000000000001",
            ["Twilio:ApiKeySecret"] = "benchmark_api_key_secret_0123456",
            ["Twilio:CallerId"] = EmulatorAccount.PhoneNumber,
            ["Twilio:ApiBaseUrl"] = twilio.ApiBaseUrl.ToString(),
            ["WarmTransfer:PublicBaseUrl"] = baseUrl.ToString().TrimEnd('/'),
            // Agents in the benchmark act far faster than people; the per-agent limit would refuse them.
            ["RateLimits:AgentRequestsPerMinute"] = "100000",
            ["RateLimits:SignInPerMinute"] = "10000",
        };
        foreach (var agent in agentIds)
        {
            settings[$"Agents:Accounts:{agent}:PasswordHash"] = AgentPasswordHash.Value;
        }

        if (redis is not null)
        {
            settings["Orleans:RedisConnectionString"] = redis;
            // Each run its own service in the shared Redis: the callers a previous run left waiting must not queue ahead of this run's.
            settings["Orleans:ServiceId"] = $"benchmark-{Guid.NewGuid():N}";
            settings["Orleans:ClusterId"] = settings["Orleans:ServiceId"];
        }

        var timings = new RouteTimings();
        var app = WarmTransferApp.Create([.. settings.Select(s => $"--{s.Key}={s.Value}")], builder => builder.Services.AddSingleton<IStartupFilter>(timings));
        await app.StartAsync();
        return new SystemUnderTest(app, twilio, baseUrl, timings);
    }

    /// <summary>Stops the emulator and lets go of it, so what stays on the heap is the server's (workload 5 weighs the two apart).</summary>
    public async Task StopTwilioAsync()
    {
        if (_twilio is { } twilio)
        {
            _twilio = null;
            await twilio.DisposeAsync();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await StopTwilioAsync();
    }
}
