
namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// A Twilio emulator on 127.0.0.1: the app's real Twilio SDK calls its REST API; it rings agents' browsers (which the
/// test answers, rejects or lets ring out), fetches the app's TwiML, runs conferences by Twilio's rules and posts
/// signed status callbacks — after answering the REST request that caused them, as Twilio does.
/// </summary>
public sealed class FakeTwilio : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebhookDispatcher _dispatcher;
    private readonly WebhookSender _sender;
    private readonly TelephoneNetwork _network;
    private readonly NetworkSettings _settings;
    private readonly FaultInjector _faults;
    private readonly FaultCounts _counts;
    private readonly List<RestRequest> _requests;
    private readonly CancellationTokenSource _stopping;

    /// <summary>Where the emulator's own host serves the browser-phone surface (<see cref="BrowserPhoneEndpoints"/>).</summary>
    private const string BrowserPhonesPath = "/browser-phones";

    private FakeTwilio(WebApplication app, Parts parts, Uri apiBaseUrl, BrowserPhones phones)
    {
        _app = app;
        (_dispatcher, _sender, _network, _settings, _faults, _counts, _requests, _stopping) = parts;
        ApiBaseUrl = apiBaseUrl;
        BrowserPhones = phones;
    }

    public Uri ApiBaseUrl { get; }

    /// <summary>The browser-phone surface on the emulator's own address, for a Voice SDK stand-in that is not behind a sandbox host.</summary>
    public Uri BrowserPhonesUrl => new(ApiBaseUrl, BrowserPhonesPath);

    public string AccountSid => _network.AccountSid;

    /// <summary>Browsers registered as Voice SDK Devices with an access token signed by the API key (see <see cref="BrowserPhoneEndpoints"/>).</summary>
    public BrowserPhones BrowserPhones { get; }

    /// <param name="chaos">How status callbacks are mistreated (null: in order, once each).</param>
    /// <param name="accountSid">The account the REST API answers for.</param>
    /// <param name="authToken">Its auth token: REST credentials, and the key webhooks are signed with.</param>
    /// <param name="faults">Which REST requests and wait fetches fail (null: none).</param>
    /// <param name="apiKey">The API key whose access tokens browser phones register with (default: <see cref="EmulatorAccount"/>'s).</param>
    public static async Task<FakeTwilio> StartAsync(CallbackChaos? chaos = null, string accountSid = EmulatorAccount.AccountSid, string authToken = EmulatorAccount.AuthToken, TwilioFaults? faults = null,
        (string Sid, string Secret)? apiKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var counts = new FaultCounts();
        var injector = new FaultInjector(counts);
        injector.Use(faults);
        var settings = new NetworkSettings();
        var sender = new WebhookSender(authToken);
        var stopping = new CancellationTokenSource();
        TelephoneNetwork? network = null;
        var dispatcher = new WebhookDispatcher(sender, counts, chaos, (job, status, body) =>
        {
            network!.Change(() => network.OnDelivered(job, status, body));
            return Task.CompletedTask;
        });
        network = new TelephoneNetwork(accountSid, dispatcher, injector, settings);
        var requests = new List<RestRequest>();
        FakeTwilioRestApi.Map(app, network, authToken, requests, injector, stopping.Token);
        var (keySid, keySecret) = apiKey ?? (EmulatorAccount.ApiKeySid, EmulatorAccount.ApiKeySecret);
        var phones = new BrowserPhones(new AccessTokenCheck(accountSid, keySid, keySecret), network);
        app.MapBrowserPhones(BrowserPhonesPath, phones);
        await app.StartAsync();
        return new FakeTwilio(app, new Parts(dispatcher, sender, network, settings, injector, counts, requests, stopping), new Uri(app.Urls.First()), phones);
    }

    /// <summary>Requests Twilio would send to the public URL go to this local address instead (an ngrok tunnel).</summary>
    public void Tunnel(Uri publicBaseUrl, Uri localBaseUrl) => _sender.LocalAddresses[publicBaseUrl.AbsoluteUri.TrimEnd('/')] = localBaseUrl;

    // ---- Twilio's failures, each off unless a test asks

    /// <summary>From now on, status callbacks are lost, delayed, doubled, reordered and sent concurrently as the chaos says (null: in order, once).</summary>
    public void UseChaos(CallbackChaos? chaos) => _dispatcher.UseChaos(chaos);

    /// <summary>From now on, REST requests and wait fetches fail at the rates given, drawn from its seed (null: none fail).</summary>
    public void UseFaults(TwilioFaults? faults) => _faults.Use(faults);

    /// <summary>The next REST request matching <paramref name="where"/> (any when null) meets this fault, whatever the rates.</summary>
    public void FailNextRest(RestFault fault, Func<RestRequest, bool>? where = null) => _faults.FailNextRest(fault, where);

    /// <summary>The next REST request matching <paramref name="where"/> is held, neither carried out nor answered, until the hold is released.</summary>
    public RestHold HoldNextRest(Func<RestRequest, bool> where) => _faults.HoldNextRest(where);

    /// <summary>The next waitUrl fetch of this call fails without reaching the app: the call leaves the conference and goes on after its &lt;Dial&gt;.</summary>
    public void FailNextWaitFetch(string callSid) => _faults.FailNextWaitFetch(callSid);

    /// <summary>Twilio's webhook timeouts and retry count (defaults: Twilio's, rt 15 s, tt 15 s, rc 1).</summary>
    public void UseWebhookConnection(WebhookConnection connection) => _dispatcher.UseConnection(connection);

    /// <summary>How many faults of each kind were injected so far (kinds never injected are absent).</summary>
    public IReadOnlyDictionary<FaultKind, int> InjectedFaults => _counts.Snapshot();

    // ---- the clock and the browsers

    /// <summary>Ring timeouts last the call's Timeout (Twilio's default 60 s) times this: 1 is real seconds, 0.1 ten times faster.</summary>
    public double RingTimeScale
    {
        get => _settings.RingTimeScale;
        set => _settings.RingTimeScale = value;
    }

    /// <summary>The agent's Device is set up with allowIncomingWhileBusy (Voice JS SDK default: false, a busy Device ignores new invites).</summary>
    public void AllowIncomingWhileBusy(string identity, bool allow = true) => _settings.AllowIncomingWhileBusy(identity, allow);

    /// <summary>
    /// Tells <paramref name="ringing"/> of every call that starts ringing a browser, without polling (a load generator answers them).
    /// It runs under the network's lock, so it must only hand the call on (to a channel, a task) and act on it later.
    /// </summary>
    public void OnBrowserRinging(Action<FakeCall> ringing) => _settings.BrowserRinging = ringing;

    // ---- the phone side

    /// <summary>A caller dials our number: Twilio posts the voice webhook and runs the TwiML it gets.</summary>
    public FakeCall DialIn(Uri voiceUrl, string from = "+15550001111", string to = EmulatorAccount.PhoneNumber, Uri? statusCallback = null) =>
        _network.Change(() => _network.DialIn(from, to, voiceUrl, statusCallback));

    /// <summary>The call now ringing the agent's browser (waits for the app to place it); a call the busy browser ignored is never offered.</summary>
    public async Task<FakeCall> RingingAsync(string identity, TimeSpan? timeout = null) =>
        (await Eventually.Until(
            () => Task.FromResult(_network.Read((calls, _) => calls.FirstOrDefault(c => c.ClientIdentity == identity && c.Status == FakeCallStatus.Ringing && !c.IgnoredByBusyDevice))),
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

    /// <summary>Every attempt at a request to the app, with its answer; attempts that never reached it have <see cref="DeliveredWebhook.ReachedApp"/> false.</summary>
    public IReadOnlyList<DeliveredWebhook> Webhooks => _dispatcher.Delivered;

    /// <summary>Things Twilio would have held against the app: application errors, failed callbacks and wait fetches, a client rung twice, a duplicate participantLabel.</summary>
    public IReadOnlyList<string> Violations => _network.Violations;

    public IReadOnlyList<FakeCall> Calls => _network.Read((calls, _) => calls.ToList());

    public IReadOnlyList<FakeCall> CallsTo(string identity) => _network.Read((calls, _) => calls.Where(c => c.ClientIdentity == identity).ToList());

    public FakeConference? Conference(string friendlyName) =>
        _network.Read((_, conferences) => conferences.LastOrDefault(c => c.FriendlyName == friendlyName));

    /// <summary>Completes at the next change of any call or conference (to wait for one instead of polling).</summary>
    public Task NextChange => _network.NextChange;

    public T Read<T>(Func<T> read) => _network.Read((_, _) => read());

    /// <summary>Waits until the condition holds (read under the network's lock) and every webhook sent so far was answered.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(_dispatcher.Idle && _network.Read((_, _) => condition())), ok => ok, description, timeout);

    /// <summary>Every webhook sent so far has been answered.</summary>
    public Task QuietAsync(TimeSpan? timeout = null) => Eventually.Until(() => Task.FromResult(_dispatcher.Idle), idle => idle, "the emulator's webhooks to be delivered", timeout);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _network.Dispose();
        await _dispatcher.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private sealed record Parts(WebhookDispatcher Dispatcher, WebhookSender Sender, TelephoneNetwork Network, NetworkSettings Settings, FaultInjector Faults, FaultCounts Counts, List<RestRequest> Requests, CancellationTokenSource Stopping);
}
