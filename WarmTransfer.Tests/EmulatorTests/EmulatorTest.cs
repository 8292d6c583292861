using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>One emulator, one stand-in app and the real Twilio SDK pointed at the emulator, fresh for each test.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private readonly List<System.Net.Http.HttpClient> _httpClients = [];

    protected FakeTwilio Twilio { get; private set; } = null!;

    protected StandInApp App { get; private set; } = null!;

    /// <summary>The Twilio SDK's REST client, as the app builds it.</summary>
    protected ITwilioRestClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Twilio = await StartTwilioAsync();
        App = await StartAppAsync();
        Client = ClientWith(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync()
    {
        _httpClients.ForEach(http => http.Dispose());
        await Twilio.DisposeAsync();
        await App.DisposeAsync();
    }

    protected virtual Task<FakeTwilio> StartTwilioAsync() => FakeTwilio.StartAsync();

    protected virtual Task<StandInApp> StartAppAsync() => StandInApp.StartAsync();

    /// <summary>A REST client whose requests give up after <paramref name="timeout"/>.</summary>
    protected ITwilioRestClient ClientWith(TimeSpan timeout, string authToken = TestCredentials.AuthToken)
    {
        var http = new System.Net.Http.HttpClient(new ApiBaseUrlHandler(Twilio.ApiBaseUrl) { InnerHandler = new System.Net.Http.SocketsHttpHandler() }) { Timeout = timeout };
        _httpClients.Add(http);
        return new TwilioRestClient(TestCredentials.AccountSid, authToken, httpClient: new SystemNetHttpClient(http));
    }

    protected Uri Url(string path) => new(App.BaseUrl, path);

    /// <summary>POST Calls.json to client:<paramref name="identity"/>, the way the app dials an agent.</summary>
    protected Task<CallResource> DialAsync(string identity, string answerPath = "/agent", int? timeout = null, ITwilioRestClient? client = null) =>
        CallResource.CreateAsync(new CreateCallOptions(new global::Twilio.Types.Client(identity), new global::Twilio.Types.PhoneNumber("+15559990000"))
        {
            Url = Url(answerPath),
            StatusCallback = Url("/status"),
            StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
            Timeout = timeout,
        }, client ?? Client);

    protected IReadOnlyList<string> ConferenceEvents(string path = "/events") => [.. App.Events(path).Select(f => f["StatusCallbackEvent"])];
}
