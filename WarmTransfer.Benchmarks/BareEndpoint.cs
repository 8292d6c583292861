using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Twilio;

namespace WarmTransfer.Benchmarks;

/// <summary>The ceiling: Kestrel on 127.0.0.1 reading the incoming-call form and answering the same TwiML, with nothing behind it.</summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.First());

    public static async Task<BareEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CallbackUrls? urls = null;
        app.MapPost(SignedRequest.IncomingCallRoute, async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var callSid = form["CallSid"].ToString();
            urls ??= new CallbackUrls(new Uri(app.Urls.First()));
            return TwimlResults.Xml(Twiml.CallerJoins(new CallerAdmission(true, callSid, null), urls));
        });
        await app.StartAsync();
        return new BareEndpoint(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
