using System.Text.Json;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Security;

/// <summary>A host whose telephony and logs are recorded, with alice on a call (driven through the grains as Twilio's callbacks would).</summary>
public sealed class SecuredHostFixture : IAsyncLifetime
{
    public RecordingTelephony Telephony { get; } = new();

    /// <summary>What the host logs at Warning and above (the configured level).</summary>
    public CapturedLogs Logs { get; } = new();

    public TestWebHost Host { get; private set; } = null!;

    public string AliceConference { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Every operator endpoint on too, so the storm reaches /metrics (served on another port) and /dashboard (alice is no operator).
        Host = await TestWebHost.StartAsync(settings =>
        {
            settings["Telemetry:Prometheus"] = "true";
            settings["Telemetry:PrometheusPort"] = FreePort.Next().ToString();
            settings["Dashboard:Enabled"] = "true";
            settings["Dashboard:Operators:0"] = "carol";
        }, services: builder =>
        {
            builder.Services.AddSingleton<ITelephony>(Telephony);
            builder.Logging.AddProvider(Logs);
        });
        using var alice = await AgentSession.SignInAsync(Host, "alice");
        await alice.ConnectAsync();

        AliceConference = Sid.Call();
        var conference = Host.Grains.GetGrain<IConferenceGrain>(AliceConference);
        await conference.AdmitCallerAsync(new IncomingCall(AliceConference, "+15550001111", TestCredentials.CallerId));
        var dial = await Eventually.Until(() => Task.FromResult(Telephony.DialsFor(AliceConference)), dials => dials.Count == 1, "alice to be dialled");
        var aliceLeg = dial[0];
        await conference.ConnectAgentAsync("alice", aliceLeg.CallSid);
        await conference.OnConferenceEventAsync(new ConferenceEvent(ConferenceEventKind.ParticipantJoin, Sid.Conference(), 1, aliceLeg.CallSid, false, true, null));
        Assert.Equal(ConferencePhase.Connected, (await conference.GetAsync()).Phase);
    }

    public Task<ConferenceView> AliceCallAsync() => GrainCalls.WithRetryAsync(() => Host.Grains.GetGrain<IConferenceGrain>(AliceConference).GetAsync());

    /// <summary>A signed-ready conference callback for alice's call that is stale (sequence 1): processed and answered 204, it changes nothing.</summary>
    public async Task<Dictionary<string, string>> StaleConferenceEventAsync() => new()
    {
        ["ConferenceSid"] = (await AliceCallAsync()).ConferenceSid!,
        ["FriendlyName"] = AliceConference,
        ["SequenceNumber"] = "1",
        ["StatusCallbackEvent"] = "participant-modify",
    };

    /// <summary>Everything a hostile request could change: alice's call and alice herself, as JSON, and how many REST calls the grains made.</summary>
    public async Task<string> WatchedStateAsync()
    {
        var call = await AliceCallAsync();
        var agent = await Host.Grains.GetGrain<IAgentGrain>("alice").GetAsync();
        return $"{JsonSerializer.Serialize(call, Json.Options)}\n{JsonSerializer.Serialize(agent, Json.Options)}\nREST calls: {Telephony.Requests.Count}";
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
