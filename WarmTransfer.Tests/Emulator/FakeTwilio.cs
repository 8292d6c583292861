using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Emulator;

/// <summary>
/// A Twilio emulator on 127.0.0.1: the app's real Twilio SDK calls its REST API; it rings agents' browsers (which the
/// test answers, rejects or lets ring out), fetches the app's TwiML, runs conferences by Twilio's rules and posts
/// signed status callbacks — after answering the REST request that caused them, as Twilio does.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookDispatcher _dispatcher;
    private readonly TelephoneNetwork _network;
    private readonly List<RestRequest> _requests;

    private FakeTwilio(WebApplication app, WebhookDispatcher dispatcher, TelephoneNetwork network, List<RestRequest> requests, Uri apiBaseUrl)
    {
        _app = app;
        _dispatcher = dispatcher;
        _network = network;
        _requests = requests;
        ApiBaseUrl = apiBaseUrl;
    }

    public Uri ApiBaseUrl { get; }

    public string AccountSid => _network.AccountSid;

    public static async Task<FakeTwilio> StartAsync(CallbackChaos? chaos = null, string accountSid = TestCredentials.AccountSid, string authToken = TestCredentials.AuthToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var requests = new List<RestRequest>();
        TelephoneNetwork? network = null;
        var dispatcher = new WebhookDispatcher(authToken, chaos, (job, status, body) =>
        {
            network!.Change(() => network.OnDelivered(job, status, body));
            return Task.CompletedTask;
        });
        network = new TelephoneNetwork(accountSid, dispatcher);
        FakeTwilioRestApi.Map(app, network, authToken, requests);
        await app.StartAsync();
        return new FakeTwilio(app, dispatcher, network, requests, new Uri(app.Urls.First()));
    }

    /// <summary>Requests Twilio would send to the public URL go to this local address instead (an ngrok tunnel).</summary>
    public void Tunnel(Uri publicBaseUrl, Uri localBaseUrl) => _dispatcher.LocalAddresses[publicBaseUrl.AbsoluteUri.TrimEnd('/')] = localBaseUrl;

    /// <summary>From now on, status callbacks are shuffled, doubled and delayed as the chaos says (null: in order, once).</summary>
    public void UseChaos(CallbackChaos? chaos) => _dispatcher.UseChaos(chaos);

    // ---- the phone side

    /// <summary>A caller dials our number: Twilio posts the voice webhook and runs the TwiML it gets.</summary>
    public FakeCall DialIn(Uri voiceUrl, string from = "+15550001111", string to = TestCredentials.CallerId, Uri? statusCallback = null) =>
        _network.Change(() => _network.DialIn(from, to, voiceUrl, statusCallback));

    /// <summary>The call now ringing the agent's browser (waits for the app to place it).</summary>
    public async Task<FakeCall> RingingAsync(string identity, TimeSpan? timeout = null) =>
        (await Eventually.Until(
            () => Task.FromResult(_network.Read((calls, _) => calls.FirstOrDefault(c => c.ClientIdentity == identity && c.Status == FakeCallStatus.Ringing))),
            call => call is not null,
            $"a call ringing client:{identity}",
            timeout))!;

    public void Answer(FakeCall call) => _network.Change(() => _network.Answer(call));

    /// <summary>The agent declines: Twilio reports busy.</summary>
    public void Reject(FakeCall call) => _network.Change(() => _network.EndByParty(call, FakeCallStatus.Busy));

    /// <summary>Nobody answers before the ring timeout: no-answer.</summary>
    public void TimeOut(FakeCall call) => _network.Change(() => _network.EndByParty(call, FakeCallStatus.NoAnswer));

    /// <summary>The client cannot be reached at all: failed.</summary>
    public void Fail(FakeCall call) => _network.Change(() => _network.EndByParty(call, FakeCallStatus.Failed));

    /// <summary>The ring is called off on Twilio's side: canceled.</summary>
    public void Cancel(FakeCall call) => _network.Change(() => _network.EndByParty(call, FakeCallStatus.Canceled));

    public void HangUp(FakeCall call) => _network.Change(() => _network.EndByParty(call, FakeCallStatus.Completed));

    /// <summary>Several phone-side actions as one instant (e.g. three callers hanging up at once).</summary>
    public void Atomically(Action actions) => _network.Change(actions);

    // ---- inspection

    public IReadOnlyList<RestRequest> RestRequests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<DeliveredWebhook> Webhooks => _dispatcher.Delivered;

    /// <summary>Things Twilio would have held against the app: application errors, failed callbacks, a client rung twice.</summary>
    public IReadOnlyList<string> Violations => _network.Violations;

    public IReadOnlyList<FakeCall> Calls => _network.Read((calls, _) => calls.ToList());

    public IReadOnlyList<FakeCall> CallsTo(string identity) => _network.Read((calls, _) => calls.Where(c => c.ClientIdentity == identity).ToList());

    public FakeConference? Conference(string friendlyName) =>
        _network.Read((_, conferences) => conferences.LastOrDefault(c => c.FriendlyName == friendlyName));

    public T Read<T>(Func<T> read) => _network.Read((_, _) => read());

    /// <summary>Waits until the condition holds (read under the network's lock) and every webhook sent so far was answered.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(_dispatcher.Idle && _network.Read((_, _) => condition())), ok => ok, description, timeout);

    /// <summary>Every webhook sent so far has been answered.</summary>
    public Task QuietAsync() => Eventually.Until(() => Task.FromResult(_dispatcher.Idle), idle => idle, "the emulator's webhooks to be delivered");

    public async ValueTask DisposeAsync()
    {
        await _dispatcher.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
