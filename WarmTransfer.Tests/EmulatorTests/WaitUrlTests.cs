using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>What a waiting participant hears, and what becomes of the call when its waitUrl cannot be fetched.</summary>
[Trait("Tier", Tier.Http)]
public sealed class WaitUrlTests : EmulatorTest
{
    private string Waiting(string room, string waitUrl, string after = "", string dialAttributes = "") =>
        $"""<Response><Dial{dialAttributes}><Conference startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="{waitUrl}" statusCallback="{Url("/events")}" statusCallbackEvent="start end join leave">{room}</Conference></Dial>{after}</Response>""";

    [Fact]
    public async Task A_wait_url_the_app_fails_drops_the_caller_out_of_the_room_into_the_twiml_after_the_dial()
    {
        App.Twiml["/caller"] = Waiting("w1", Url("/wait").AbsoluteUri, after: "<Redirect>/after</Redirect>");
        App.Status["/wait"] = 502;
        App.Twiml["/after"] = "<Response><Play loop=\"0\">http://music.test/sorry.mp3</Play></Response>";

        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.HoldMusic, "the caller to hear the TwiML after its <Dial>");

        Assert.Equal(["participant-join", "participant-leave", "conference-end"], ConferenceEvents());
        Assert.Equal("participant_add_failed", App.Events("/events")[1]["ReasonParticipantLeft"]);
        Assert.Single(App.Events("/after"));
        Assert.True(Twilio.Read(() => caller.IsLive));
        Assert.Single(Twilio.Violations, v => v.Contains("answered 502", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dial_action_gets_the_failure_and_without_one_or_more_twiml_the_call_ends()
    {
        App.Twiml["/wait"] = "<Response><Play loop=\"0\">http://music.test/wait.mp3</Play></Response>";
        App.Twiml["/with-action"] = Waiting("w2", Url("/wait").AbsoluteUri, after: "<Say>unreachable</Say>", dialAttributes: $" action=\"{Url("/action")}\"");
        App.Twiml["/action"] = "<Response><Say>Sorry</Say><Hangup/></Response>";
        App.Twiml["/bare"] = Waiting("w3", Url("/wait").AbsoluteUri);
        FakeCall withAction = null!, bare = null!;

        Twilio.Atomically(() =>
        {
            withAction = Twilio.DialIn(Url("/with-action"));
            bare = Twilio.DialIn(Url("/bare"));
            Twilio.FailNextWaitFetch(withAction.Sid);
            Twilio.FailNextWaitFetch(bare.Sid);
        });
        await Twilio.WaitUntilAsync(() => !withAction.IsLive && !bare.IsLive, "both callers to be disconnected");

        var action = Assert.Single(App.Events("/action"));
        Assert.Equal("failed", action["DialCallStatus"]);
        Assert.False(action.ContainsKey("DialCallSid"));
        Assert.Equal((FakeCallStatus.Completed, FakeCallStatus.Completed), Twilio.Read(() => (withAction.Status, bare.Status)));
        Assert.DoesNotContain(App.Received, r => r.Path == "/wait");
        Assert.Equal(2, Twilio.InjectedFaults[FaultKind.WaitFetchFailed]);
        Assert.Empty(Twilio.Violations);
    }

    [Fact]
    public async Task Wait_fetch_failures_follow_their_rate()
    {
        Twilio.UseFaults(new TwilioFaults(Seed: 3) { WaitFetchFailureRate = 1 });
        App.Twiml["/wait"] = "<Response><Play loop=\"0\">http://music.test/wait.mp3</Play></Response>";
        App.Twiml["/caller"] = Waiting("w4", Url("/wait").AbsoluteUri);

        var caller = Twilio.DialIn(Url("/caller"));
        await Twilio.WaitUntilAsync(() => !caller.IsLive, "the caller to be disconnected");

        Assert.Equal(1, Twilio.InjectedFaults[FaultKind.WaitFetchFailed]);
        Assert.Contains(Twilio.Webhooks, w => w is { Kind: "twiml:Wait", ReachedApp: false, Fault: FaultKind.WaitFetchFailed });
    }

    [Fact]
    public async Task An_audio_file_is_played_without_asking_the_app_and_runs_out_into_silence()
    {
        App.Twiml["/file"] = Waiting("w5", "http://music.test/wait.mp3");
        App.Twiml["/default"] = """<Response><Dial><Conference startConferenceOnEnter="false">w6</Conference></Dial></Response>""";
        App.Twiml["/none"] = """<Response><Dial><Conference startConferenceOnEnter="false" waitUrl="">w7</Conference></Dial></Response>""";

        var file = Twilio.DialIn(Url("/file"));
        var playlist = Twilio.DialIn(Url("/default"));
        var nothing = Twilio.DialIn(Url("/none"));
        await Twilio.WaitUntilAsync(() => new[] { file, playlist, nothing }.All(c => c.Conference is not null), "the three callers to wait in their rooms");

        Assert.Equal([Audio.Nothing, Audio.WaitMusic, Audio.Silence], Twilio.Read(() => file.Heard.Select(h => h.Audio)));
        Assert.Equal(Audio.WaitMusic, Twilio.Read(() => playlist.Hearing));
        Assert.Equal(Audio.Silence, Twilio.Read(() => nothing.Hearing));
        Assert.Equal(["/default", "/file", "/none"], App.Received.Select(r => r.Path).Where(p => p != "/events").Order(StringComparer.Ordinal));
        Assert.Empty(Twilio.Violations);
    }
}
