using System.Collections.Concurrent;
using System.Collections.Specialized;
using Twilio.Security;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>A tiny app on loopback that answers the emulator with fixed TwiML and records (and verifies) every webhook.</summary>
public sealed class StandInApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, Dictionary<string, string> Form, bool SignatureValid)> _received = new();
    private int _inFlight;
    private int _peakInFlight;

    private StandInApp(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    /// <summary>TwiML answered per path; anything else gets an empty 204.</summary>
    public ConcurrentDictionary<string, string> Twiml { get; } = new();

    /// <summary>An HTTP status answered per path instead (e.g. 500), with an empty body.</summary>
    public ConcurrentDictionary<string, int> Status { get; } = new();

    /// <summary>How long the app takes to answer, per path.</summary>
    public ConcurrentDictionary<string, TimeSpan> Delay { get; } = new();

    /// <summary>The most requests the app was handling at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public IReadOnlyList<(string Path, Dictionary<string, string> Form, bool SignatureValid)> Received => [.. _received];

    public IReadOnlyList<Dictionary<string, string>> Events(string path) => [.. _received.Where(r => r.Path == path).Select(r => r.Form)];

    public static async Task<StandInApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new StandInApp(app);
        app.Run(async context =>
        {
            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
            var fields = form?.ToDictionary(f => f.Key, f => f.Value.ToString()) ?? [];
            var parameters = new NameValueCollection();
            foreach (var (key, value) in fields)
            {
                parameters.Add(key, value);
            }

            var url = $"{standIn.BaseUrl.AbsoluteUri.TrimEnd('/')}{context.Request.Path}{context.Request.QueryString}";
            var valid = new RequestValidator(TestCredentials.AuthToken).Validate(url, parameters, context.Request.Headers["X-Twilio-Signature"].ToString());
            standIn._received.Enqueue((context.Request.Path, fields, valid));
            var inFlight = Interlocked.Increment(ref standIn._inFlight);
            InterlockedMax(ref standIn._peakInFlight, inFlight);
            try
            {
                if (standIn.Delay.TryGetValue(context.Request.Path, out var delay))
                {
                    await Task.Delay(delay);
                }
            }
            finally
            {
                Interlocked.Decrement(ref standIn._inFlight);
            }

            if (standIn.Status.TryGetValue(context.Request.Path, out var status))
            {
                context.Response.StatusCode = status;
            }
            else if (standIn.Twiml.TryGetValue(context.Request.Path, out var twiml))
            {
                context.Response.ContentType = "application/xml";
                await context.Response.WriteAsync(twiml);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
        });
        await app.StartAsync();
        return standIn;
    }

    private static void InterlockedMax(ref int location, int value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
