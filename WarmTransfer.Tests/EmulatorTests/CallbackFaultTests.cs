using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.EmulatorTests;

/// <summary>Status callbacks as Twilio really delivers them: lost, refused, retried once, late, twice, out of order, several at once.</summary>
[Trait("Tier", Tier.Http)]
public sealed class CallbackFaultTests : EmulatorTest
{
    private static readonly CallbackChaos NoChaos = new(Seed: 1, DuplicateProbability: 0, ReorderWindow: 1, MaxDelayMilliseconds: 0);

    [Fact]
    public async Task Lost_callbacks_are_never_delivered_nor_retried_and_twiml_still_is()
    {
        Twilio.UseChaos(NoChaos with { LossProbability = 1 });

        var call = await AnsweredAndHungUpAsync("lossy");

        Assert.Empty(App.Events("/status"));
        Assert.Single(App.Events("/agent"));
        Assert.Equal(4, Twilio.InjectedFaults[FaultKind.CallbackLost]);
        Assert.Equal(4, Twilio.Webhooks.Count(w => w is { Kind: "call-status", ReachedApp: false, Fault: FaultKind.CallbackLost }));
        Assert.Empty(Twilio.Violations);
        Assert.Equal(FakeCallStatus.Completed, Twilio.Read(() => call.Status));
    }

    [Fact]
    public async Task An_error_answer_is_not_retried_and_is_held_against_the_app()
    {
        App.Status["/status"] = 500;

        await AnsweredAndHungUpAsync("refusing");

        Assert.Equal(4, App.Events("/status").Count);
        Assert.All(Twilio.Webhooks.Where(w => w.Kind == "call-status"), w => Assert.Equal((1, 500), (w.Attempt, w.Status)));
        Assert.Equal(4, Twilio.Violations.Count(v => v.Contains("answered 500", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_connection_is_retried_once_then_given_up()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/status");
        App.Twiml["/agent"] = "<Response><Hangup/></Response>";

        await global::Twilio.Rest.Api.V2010.Account.CallResource.CreateAsync(
            new global::Twilio.Rest.Api.V2010.Account.CreateCallOptions(new global::Twilio.Types.Client("unreachable"), new global::Twilio.Types.PhoneNumber("+15559990000"))
            {
                Url = Url("/agent"),
                StatusCallback = closed,
                StatusCallbackEvent = ["initiated"],
            }, Client);
        await Twilio.QuietAsync();

        var attempts = Twilio.Webhooks.Where(w => w.Kind == "call-status").ToList();
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.False(a.ReachedApp));
        Assert.Single(attempts.Select(a => a.IdempotencyToken).Distinct());
        Assert.Single(Twilio.Violations, v => v.Contains("answered 0", StringComparison.Ordinal));
        Assert.Equal(1, Twilio.InjectedFaults[FaultKind.CallbackRetried]);
    }

    [Fact]
    public async Task Injected_connection_failures_and_timeouts_are_retried_once_with_the_same_token()
    {
        Twilio.UseChaos(NoChaos with { ConnectionFailureProbability = 1 });
        await AnsweredAndHungUpAsync("unlucky");
        var onceEach = App.Events("/status").Select(f => f["CallStatus"]).ToList();

        Twilio.UseChaos(NoChaos with { TimeoutProbability = 1 });
        await AnsweredAndHungUpAsync("slowpoke");
        var timedOut = Twilio.Webhooks.Where(w => w is { Kind: "call-status" } && w.Form["To"] == "client:slowpoke").ToList();

        Assert.Equal(["initiated", "ringing", "in-progress", "completed"], onceEach);
        Assert.Equal(8, timedOut.Count);
        Assert.All(timedOut.GroupBy(w => w.IdempotencyToken), pair => Assert.Equal([1, 2], pair.Select(w => w.Attempt)));
        Assert.All(timedOut.Where(w => w.Attempt == 1), w => Assert.Equal((true, FaultKind.CallbackTimedOut), (w.ReachedApp, w.Fault!.Value)));
        Assert.Equal(4, Twilio.InjectedFaults[FaultKind.CallbackConnectionFailed]);
        Assert.Equal(4, Twilio.InjectedFaults[FaultKind.CallbackTimedOut]);
        Assert.Equal(8, Twilio.InjectedFaults[FaultKind.CallbackRetried]);
        Assert.Empty(Twilio.Violations);
    }

    [Fact]
    public async Task A_slow_answer_times_out_and_is_retried_only_within_the_total_time()
    {
        App.Delay["/status"] = TimeSpan.FromMilliseconds(400);
        Twilio.UseWebhookConnection(new WebhookConnection { ReadTimeout = TimeSpan.FromMilliseconds(150), TotalTime = TimeSpan.FromSeconds(5) });
        await InitiatedOnlyAsync("retried");

        Twilio.UseWebhookConnection(new WebhookConnection { ReadTimeout = TimeSpan.FromMilliseconds(150), TotalTime = TimeSpan.FromMilliseconds(150) });
        await InitiatedOnlyAsync("out_of_time");

        Assert.Equal([1, 2], Attempts("retried"));
        Assert.Equal([1], Attempts("out_of_time"));
        Assert.Equal(2, Twilio.Violations.Count);
    }

    [Fact]
    public async Task Callbacks_go_several_at_once_while_each_calls_twiml_keeps_its_order()
    {
        Twilio.UseChaos(NoChaos with { MaxInFlight = 4 });
        App.Delay["/events"] = TimeSpan.FromMilliseconds(150);
        App.Twiml["/one"] = "<Response><Redirect>/two</Redirect></Response>";
        App.Twiml["/two"] = "<Response><Redirect>/three</Redirect></Response>";
        App.Twiml["/three"] = $"""<Response><Dial><Conference statusCallback="{Url("/events")}" statusCallbackEvent="start join leave end">busy-room</Conference></Dial></Response>""";

        var callers = new List<FakeCall>();
        Twilio.Atomically(() => callers.AddRange(Enumerable.Range(0, 3).Select(_ => Twilio.DialIn(Url("/one")))));
        await Twilio.WaitUntilAsync(() => Twilio.Conference("busy-room")?.Participants.Count == 3, "three callers in the room");

        Assert.True(App.PeakInFlight >= 2, $"at most {App.PeakInFlight} request(s) were in flight at once");
        Assert.All(callers, caller => Assert.Equal(
            ["/one", "/two", "/three"],
            App.Received.Where(r => r.Form.GetValueOrDefault("CallSid") == caller.Sid && r.Path != "/events").Select(r => r.Path)));
    }

    [Fact]
    public async Task Chaos_is_reproducible_for_a_seed_and_really_reorders_repeats_and_delays()
    {
        static async Task<(List<string> Sequence, IReadOnlyDictionary<FaultKind, int> Counts)> Deliveries(int seed)
        {
            await using var twilio = await FakeTwilio.StartAsync(new CallbackChaos(seed, DuplicateProbability: 0.8, ReorderWindow: 4, MaxDelayMilliseconds: 5));
            await using var app = await StandInApp.StartAsync();
            app.Twiml["/caller"] = $"""<Response><Dial><Conference startConferenceOnEnter="true" statusCallback="{new Uri(app.BaseUrl, "/events")}" statusCallbackEvent="start end join leave">chaos</Conference></Dial></Response>""";
            var calls = new List<FakeCall>();
            twilio.Atomically(() => calls.AddRange(Enumerable.Range(0, 3).Select(_ => twilio.DialIn(new Uri(app.BaseUrl, "/caller")))));
            await twilio.WaitUntilAsync(() => twilio.Conference("chaos")?.Participants.Count == 3, "three in the room");
            twilio.Atomically(() => calls.ForEach(twilio.HangUp));
            await twilio.QuietAsync();
            return ([.. app.Events("/events").Select(f => f["SequenceNumber"])], twilio.InjectedFaults);
        }

        var first = await Deliveries(7);
        var again = await Deliveries(7);

        Assert.Equal(first.Sequence, again.Sequence);
        Assert.True(first.Sequence.Count > first.Sequence.Distinct().Count(), "some callbacks are delivered twice");
        Assert.NotEqual(first.Sequence.Select(int.Parse).ToList(), first.Sequence.Select(int.Parse).Order().ToList());
        Assert.Equal(first.Sequence.Count - first.Sequence.Distinct().Count(), first.Counts[FaultKind.CallbackDuplicated]);
        Assert.True(first.Counts[FaultKind.CallbackReordered] > 0 && first.Counts[FaultKind.CallbackDelayed] > 0);
    }

    /// <summary>A call to the client, answered with TwiML that hangs up at once: four call-progress callbacks.</summary>
    private async Task<FakeCall> AnsweredAndHungUpAsync(string identity)
    {
        App.Twiml["/agent"] = "<Response><Hangup/></Response>";
        await DialAsync(identity);
        var call = await Twilio.RingingAsync(identity);
        Twilio.Answer(call);
        await Twilio.WaitUntilAsync(() => !call.IsLive, $"the call to {identity} to end");
        return call;
    }

    private async Task InitiatedOnlyAsync(string identity)
    {
        await global::Twilio.Rest.Api.V2010.Account.CallResource.CreateAsync(
            new global::Twilio.Rest.Api.V2010.Account.CreateCallOptions(new global::Twilio.Types.Client(identity), new global::Twilio.Types.PhoneNumber("+15559990000"))
            {
                Twiml = new global::Twilio.Types.Twiml("<Response/>"),
                StatusCallback = Url("/status"),
                StatusCallbackEvent = ["initiated"],
            }, Client);
        await Twilio.QuietAsync();
    }

    private IReadOnlyList<int> Attempts(string identity) =>
        [.. Twilio.Webhooks.Where(w => w.Kind == "call-status" && w.Form["To"] == "client:" + identity).Select(w => w.Attempt)];
}
