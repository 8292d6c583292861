using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Scenarios;

/// <summary>Attended transfers driven through the HTTP API and the Twilio emulator, as agents and Twilio would.</summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class TransferScenarioTests : IAsyncLifetime
{
    private CallCenter _center = null!;
    private FakeTwilio Twilio => _center.Twilio;

    public async Task InitializeAsync()
    {
        _center = await CallCenter.StartAsync();
        foreach (var agent in new[] { "alice", "bob" })
        {
            await _center.ConnectAsync(agent);
        }
    }

    public async Task DisposeAsync() => await _center.DisposeAsync();

    [Fact]
    public async Task Consult_then_three_way_then_complete_hands_the_caller_to_the_target()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");

        var bobLeg = await _center.TransferRingsAsync("alice", "bob");
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.HoldMusic, "the caller to hear hold music while bob rings");
        Assert.False(_center.EndsConferenceOnExit(caller, aliceLeg));

        Twilio.Answer(bobLeg);
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);
        Assert.Equal((true, Audio.HoldMusic), _center.Caller(caller));

        await _center.CommandAsync("alice", "transfer/three-way");
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to join the three-way");

        var completed = await _center.CommandAsync("alice", "transfer/complete");
        await Twilio.WaitUntilAsync(() => aliceLeg.Status == FakeCallStatus.Completed, "alice's leg to end");

        Assert.Equal("bob", completed.HandlingAgentId);
        Assert.Equal((false, Audio.Conversation), _center.Caller(caller));
        Assert.True(_center.EndsConferenceOnExit(caller, bobLeg));
        Assert.Equal((AgentPresence.Available, (string?)null), Presence(await _center.AgentViewAsync("alice")));
        Assert.Equal((AgentPresence.OnCall, caller.Sid), Presence(await _center.AgentViewAsync("bob")));
        AssertCallerNeverAlone(caller);
    }

    [Theory]
    [InlineData(FakeCallStatus.NoAnswer, "bob did not answer.")]
    [InlineData(FakeCallStatus.Busy, "bob declined the call.")]
    [InlineData(FakeCallStatus.Failed, "bob could not be reached.")]
    [InlineData(FakeCallStatus.Canceled, "The call to bob was cancelled.")]
    public async Task A_target_who_does_not_answer_gives_the_caller_back_to_the_transferer_who_is_told_why(string status, string notice)
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        await using var aliceEvents = await AgentEvents.FollowAsync(_center.Agent("alice"));
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");

        Action<FakeCall> outcome = status switch
        {
            FakeCallStatus.NoAnswer => Twilio.TimeOut,
            FakeCallStatus.Busy => Twilio.Reject,
            FakeCallStatus.Failed => Twilio.Fail,
            _ => Twilio.Cancel,
        };
        outcome(bobLeg);

        var message = await aliceEvents.NextAsync(AgentWatcher.NoticeEvent);
        Assert.Equal(notice, message.GetProperty("message").GetString());
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to be back with alice");
        Assert.True(_center.EndsConferenceOnExit(caller, aliceLeg));
        Assert.Equal(AgentPresence.Available, (await _center.AgentViewAsync("bob")).Presence);
        Assert.Equal((AgentPresence.OnCall, caller.Sid), Presence(await _center.AgentViewAsync("alice")));
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Cancel_during_the_consult_hangs_up_the_target_and_gives_the_caller_back()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.ConsultAsync(caller, "alice", "bob");

        await _center.CommandAsync("alice", "transfer/cancel");

        await Twilio.WaitUntilAsync(() => bobLeg.Status == FakeCallStatus.Completed && caller.Hearing == Audio.Conversation, "bob's leg to end and the caller to be back with alice");
        Assert.True(_center.EndsConferenceOnExit(caller, aliceLeg));
        Assert.Equal("alice", (await _center.ConferenceAsync(caller.Sid)).HandlingAgentId);
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Cancel_while_the_target_rings_stops_the_ring()
    {
        var (caller, _) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");

        await _center.CommandAsync("alice", "transfer/cancel");

        await Twilio.WaitUntilAsync(() => bobLeg.Status == FakeCallStatus.Canceled && caller.Hearing == Audio.Conversation, "bob's ring to stop and the caller to be back");
        Assert.Equal(AgentPresence.Available, (await _center.AgentViewAsync("bob")).Presence);
    }

    [Fact]
    public async Task Transferer_hanging_up_while_the_target_rings_leaves_the_caller_on_hold_music_until_the_target_answers()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");

        Twilio.HangUp(aliceLeg);
        await Twilio.WaitUntilAsync(() => aliceLeg.Status == FakeCallStatus.Completed, "alice's leg to end");
        await _center.Twilio.QuietAsync();
        Assert.Equal(Audio.HoldMusic, Twilio.Read(() => caller.Hearing));
        Assert.True(caller.IsLive);

        Twilio.Answer(bobLeg);

        var connected = await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to bob");
        Assert.Equal("bob", connected.HandlingAgentId);
        Assert.True(_center.EndsConferenceOnExit(caller, bobLeg));
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Transferer_gone_and_target_not_answering_sends_the_caller_back_to_the_queue_on_hold_music()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");
        Twilio.HangUp(aliceLeg);
        await Twilio.WaitUntilAsync(() => aliceLeg.Status == FakeCallStatus.Completed, "alice's leg to end");

        using var away = await _center.Agent("alice").PutAsync("/agents/alice/presence", new PresenceRequest(AgentPresence.Away));
        await _center.ConnectAsync("carol");
        Twilio.TimeOut(bobLeg);
        var carolLeg = await Twilio.RingingAsync("carol");
        Assert.Equal(Audio.HoldMusic, Twilio.Read(() => caller.Hearing));
        Twilio.Answer(carolLeg);

        var connected = await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to carol");
        Assert.Equal("carol", connected.HandlingAgentId);
        Assert.True(_center.EndsConferenceOnExit(caller, carolLeg));
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Transferer_hanging_up_after_the_target_answered_completes_the_transfer()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.ConsultAsync(caller, "alice", "bob");

        Twilio.HangUp(aliceLeg);

        var connected = await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation && _center.EndsConferenceOnExit(caller, bobLeg), "bob to have the caller");
        Assert.Equal("bob", connected.HandlingAgentId);
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Complete_before_the_target_answers_is_a_blind_transfer()
    {
        var (caller, aliceLeg) = await _center.CallAnsweredByAsync("alice");
        var bobLeg = await _center.TransferRingsAsync("alice", "bob");

        await _center.CommandAsync("alice", "transfer/complete");
        await Twilio.WaitUntilAsync(() => aliceLeg.Status == FakeCallStatus.Completed && caller.Hearing == Audio.HoldMusic, "alice to leave the caller on hold music");
        Twilio.Answer(bobLeg);

        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to talk to bob");
        Assert.Equal("bob", (await _center.ConferenceAsync(caller.Sid)).HandlingAgentId);
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task Transfers_chain_from_one_agent_to_the_next()
    {
        await _center.ConnectAsync("carol");
        var (caller, _) = await _center.CallAnsweredByAsync("alice");
        await _center.ConsultAsync(caller, "alice", "bob");
        await _center.CommandAsync("alice", "transfer/complete");
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);

        await _center.ConsultAsync(caller, "bob", "carol");
        var done = await _center.CommandAsync("bob", "transfer/complete");

        Assert.Equal("carol", done.HandlingAgentId);
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation && Twilio.Conference(caller.Sid)!.Participants.Count == 2, "caller and carol alone together");
        AssertCallerNeverAlone(caller);
    }

    [Fact]
    public async Task The_agent_can_hold_and_resume_the_caller()
    {
        var (caller, _) = await _center.CallAnsweredByAsync("alice");

        await _center.CommandAsync("alice", "hold", new HoldRequest(true));
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.HoldMusic, "the caller to hear hold music");
        await Eventually.Until(() => _center.ConferenceAsync(caller.Sid), v => v.Participants[0].OnHold, "the conference to show the caller on hold");
        await _center.CommandAsync("alice", "hold", new HoldRequest(false));
        await Twilio.WaitUntilAsync(() => caller.Hearing == Audio.Conversation, "the caller to be back");
        await Eventually.Until(() => _center.ConferenceAsync(caller.Sid), v => !v.Participants[0].OnHold, "the conference to show the caller back");

        AssertCallerNeverAlone(caller);
    }

    private void AssertCallerNeverAlone(FakeCall caller)
    {
        Assert.False(Twilio.Read(() => caller.EverHeardSilence), $"The caller heard silence: {string.Join(", ", Twilio.Read(() => caller.Heard))}");
        Assert.Empty(Twilio.Violations);
    }

    private static (AgentPresence, string?) Presence(AgentView view) => (view.Presence, view.CurrentConferenceId);
}
