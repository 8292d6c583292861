using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class TransferRulesTests
{
    [Fact]
    public void Transfer_stops_the_transferer_ending_the_conference_holds_the_caller_then_rings_the_target()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Send(new StartTransfer("alice", "bob"));

        Assert.Equal(
        [
            new ReserveTransferTarget("alice", "bob"),
            new SetEndConferenceOnExit(aliceLeg, false),
            new SetHold(driver.CallerSid, true),
            new DialAgent("bob", ParticipantRole.TransferTarget),
        ], effects);
        Assert.Equal(ConferencePhase.Transferring, driver.State.Phase);
        Assert.Equal(new TransferState("alice", "bob", driver.LegOf("bob"), false) { TargetDialled = true }, driver.State.Transfer);
    }

    [Fact]
    public void Transfer_waits_for_twilio_to_confirm_the_transferer_no_longer_ends_the_conference_before_holding_anyone()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");

        var reserved = ConferenceRules.Decide(driver.State, new TransferTargetReserved("alice", "bob"), driver.Now);

        Assert.Equal([new SetEndConferenceOnExit(aliceLeg, false)], reserved.Effects.ToArray());
        Assert.False(reserved.State.CallerHoldRequested);
        Assert.False(reserved.State.Transfer!.TargetDialled);

        var confirmed = ConferenceRules.Decide(reserved.State, new ParticipantObserved(new ParticipantSnapshot(aliceLeg, false, false)), driver.Now);

        Assert.Equal([new SetHold(driver.CallerSid, true), new DialAgent("bob", ParticipantRole.TransferTarget)], confirmed.Effects.ToArray());
        Assert.True(confirmed.State.CallerHoldRequested);
    }

    [Fact]
    public void A_transfer_whose_preparation_twilio_refuses_is_refused_before_the_caller_is_put_on_hold()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");
        driver.Fail = effect => effect is SetEndConferenceOnExit { EndConferenceOnExit: false } ? "Twilio answered 503." : null;

        var effects = driver.Send(new StartTransfer("alice", "bob"));

        Assert.Equal(CommandOutcome.TelephonyFailed, driver.LastOutcome);
        Assert.Equal("The transfer to bob could not start: Twilio answered 503. You still have the caller.", driver.LastReason);
        Assert.DoesNotContain(effects, e => e is SetHold or DialAgent);
        Assert.Contains(new ReleaseAgent("bob", AgentCallOutcome.Finished), effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Null(driver.State.Transfer);
        Assert.True(driver.State.Leg(aliceLeg)!.EndConferenceOnExit);
    }

    [Fact]
    public void Transfer_without_a_target_takes_any_available_agent()
    {
        var driver = RulesDriver.Connected("alice", "carol");

        driver.Send(new StartTransfer("alice", null));

        Assert.Equal("carol", driver.State.Transfer!.TargetId);
    }

    [Fact]
    public void A_repeated_transfer_request_puts_nobody_on_hold_twice()
    {
        var driver = RulesDriver.Connected("alice", "bob", "carol");
        driver.Send(new StartTransfer("alice", "bob"));

        Assert.Empty(driver.Send(new StartTransfer("alice", "bob")));
        Assert.Equal(CommandOutcome.WrongPhase, driver.LastOutcome);
        Assert.Single(driver.Effects.OfType<SetHold>());
    }

    [Fact]
    public void Transfer_to_an_unavailable_agent_is_refused_and_changes_nothing()
    {
        var driver = RulesDriver.Connected("alice");
        var before = driver.State;

        driver.Send(new StartTransfer("alice", "bob"));

        Assert.Equal(CommandOutcome.TargetUnavailable, driver.LastOutcome);
        Assert.Equal("bob is not available.", driver.LastReason);
        Assert.Equal(before, driver.State);
    }

    [Fact]
    public void Only_the_handling_agent_may_transfer_and_never_to_themselves()
    {
        var driver = RulesDriver.Connected("alice", "bob");

        driver.Send(new StartTransfer("mallory", "bob"));
        Assert.Equal(CommandOutcome.NotYourCall, driver.LastOutcome);

        driver.Send(new StartTransfer("alice", "alice"));
        Assert.Equal(CommandOutcome.Invalid, driver.LastOutcome);
    }

    [Fact]
    public void The_target_joins_without_ending_the_conference_and_consults_privately()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));

        var connection = driver.Answer("bob");

        Assert.False(connection.EndConferenceOnExit);
        Assert.Equal(ConferencePhase.Consulting, driver.State.Phase);
        Assert.True(driver.State.CallerHoldRequested);
    }

    [Fact]
    public void Three_way_takes_the_caller_off_hold()
    {
        var driver = Consulting();

        Assert.Equal([new SetHold(driver.CallerSid, false)], driver.Send(new JoinThreeWay("alice")));
        Assert.Equal(ConferencePhase.ThreeWay, driver.State.Phase);
        Assert.Empty(driver.Send(new JoinThreeWay("alice")));
    }

    [Fact]
    public void Complete_takes_the_caller_off_hold_then_the_target_ends_the_conference_on_exit_then_the_transferer_leaves_and_is_freed_once_gone()
    {
        var driver = Consulting();
        var aliceLeg = driver.LegOf("alice");
        var bobLeg = driver.LegOf("bob");

        var effects = driver.Send(new CompleteTransfer("alice"));

        Assert.Equal(
        [
            new SetHold(driver.CallerSid, false),
            new SetEndConferenceOnExit(bobLeg, true),
            new HangUpLeg(aliceLeg),
        ], effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal("bob", driver.State.HandlingAgentId);
        Assert.Equal(ParticipantRole.HandlingAgent, driver.State.Leg(bobLeg)!.Role);
        Assert.Equal(ParticipantRole.FormerAgent, driver.State.Leg(aliceLeg)!.Role);
        Assert.Null(driver.State.Transfer);
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
    }

    [Fact]
    public void A_completion_twilio_refuses_keeps_the_transferer_on_the_call_with_everyone_talking()
    {
        var driver = Consulting();
        var bobLeg = driver.LegOf("bob");
        driver.Fail = effect => effect is SetEndConferenceOnExit { EndConferenceOnExit: true } ? "Twilio timed out." : null;

        var effects = driver.Send(new CompleteTransfer("alice"));

        Assert.Equal(CommandOutcome.TelephonyFailed, driver.LastOutcome);
        Assert.DoesNotContain(effects, e => e is HangUpLeg or ReleaseAgent);
        Assert.Contains(new SetEndConferenceOnExit(bobLeg, false), effects);
        Assert.Contains(effects, e => e is NotifyAgent { AgentId: "alice" } notice && notice.Message.Contains("could not be completed: Twilio timed out."));
        Assert.Equal(ConferencePhase.ThreeWay, driver.State.Phase);
        Assert.False(driver.State.Transfer!.Completing);
        Assert.Equal("alice", driver.State.HandlingAgentId);
    }

    [Fact]
    public void Complete_from_three_way_needs_no_unhold()
    {
        var driver = Consulting();
        driver.Send(new JoinThreeWay("alice"));

        var effects = driver.Send(new CompleteTransfer("alice"));

        Assert.DoesNotContain(effects, e => e is SetHold);
        Assert.Equal("bob", driver.State.HandlingAgentId);
    }

    [Fact]
    public void Cancel_while_the_target_rings_hangs_up_the_target_and_gives_the_caller_back()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        var aliceLeg = driver.LegOf("alice");
        var bobLeg = driver.LegOf("bob");

        var effects = driver.Send(new CancelTransfer("alice"));

        Assert.Equal(
        [
            new HangUpLeg(bobLeg),
            new SetHold(driver.CallerSid, false),
            new SetEndConferenceOnExit(aliceLeg, true),
        ], effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal("alice", driver.State.HandlingAgentId);
        Assert.False(driver.State.CallerHoldRequested);
        Assert.Equal([new ReleaseAgent("bob", AgentCallOutcome.Finished)], driver.Status(bobLeg, CallStatus.Canceled));
    }

    [Theory]
    [InlineData(CallStatus.NoAnswer, "bob did not answer.")]
    [InlineData(CallStatus.Busy, "bob declined the call.")]
    [InlineData(CallStatus.Failed, "bob could not be reached.")]
    [InlineData(CallStatus.Canceled, "The call to bob was cancelled.")]
    public void A_target_who_does_not_answer_gives_the_caller_back_to_the_transferer_who_is_told_why_once_twilio_confirms_them(CallStatus status, string message)
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Status(driver.LegOf("bob"), status);

        // The caller comes off hold only once Twilio confirms alice ends the conference again, which shows she is still there.
        Assert.Equal(
        [
            new ReleaseAgent("bob", AgentCallOutcome.Finished),
            new SetEndConferenceOnExit(aliceLeg, true),
            new NotifyAgent("alice", message),
            new SetHold(driver.CallerSid, false),
        ], effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Null(driver.State.Transfer);
    }

    [Fact]
    public void A_transferer_twilio_no_longer_knows_does_not_get_the_caller_back_who_waits_on_hold_for_the_next_agent()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        var aliceLeg = driver.LegOf("alice");
        driver.Fail = effect => effect is SetEndConferenceOnExit { EndConferenceOnExit: true } ? "The requested resource was not found" : null;

        var effects = driver.Status(driver.LegOf("bob"), CallStatus.NoAnswer);

        Assert.DoesNotContain(new SetHold(driver.CallerSid, false), effects);
        Assert.Contains(new HangUpLeg(aliceLeg), effects);
        Assert.Contains(new AcquireAgent(), effects);
        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
        Assert.True(driver.State.CallerHoldRequested);
    }

    [Fact]
    public void A_handling_agent_who_leaves_without_ending_the_conference_leaves_the_caller_waiting_not_dropped()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Status(driver.LegOf("bob"), CallStatus.NoAnswer);
        var aliceLeg = driver.LegOf("alice");
        driver.Fail = effect => effect is SetEndConferenceOnExit ? "Twilio answered 503." : null;
        driver.Event(ConferenceEventKind.ParticipantModify, aliceLeg, hold: false, endConferenceOnExit: false);

        var effects = driver.Status(aliceLeg, CallStatus.Completed);

        Assert.DoesNotContain(new HangUpLeg(driver.CallerSid), effects);
        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
        Assert.Contains(new SetHold(driver.CallerSid, true), effects);
    }

    [Fact]
    public void A_target_who_hangs_up_during_the_consult_gives_the_caller_back()
    {
        var driver = Consulting();

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.LegOf("bob"));

        Assert.Contains(new SetHold(driver.CallerSid, false), effects);
        Assert.Contains(new NotifyAgent("alice", "bob hung up before the transfer completed."), effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
    }

    [Fact]
    public void Transferer_hanging_up_while_the_target_rings_keeps_the_caller_on_hold_for_the_target()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.LegOf("alice"));

        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], effects);
        Assert.Equal(ConferencePhase.Transferring, driver.State.Phase);
        Assert.True(driver.State.Transfer!.TransfererGone);
        Assert.True(driver.State.CallerHoldRequested);

        var connection = driver.Answer("bob");

        Assert.True(connection.EndConferenceOnExit);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal("bob", driver.State.HandlingAgentId);
        Assert.Contains(new SetHold(driver.CallerSid, false), driver.Effects.TakeLast(3));
    }

    [Fact]
    public void Transferer_gone_and_target_failing_sends_the_caller_back_to_the_queue_still_on_hold()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Event(ConferenceEventKind.ParticipantLeave, driver.LegOf("alice"));
        driver.MakeAvailable("carol");

        var effects = driver.Status(driver.LegOf("bob"), CallStatus.NoAnswer);

        Assert.Equal(
        [
            new ReleaseAgent("bob", AgentCallOutcome.Finished),
            new AcquireAgent(),
            new DialAgent("carol", ParticipantRole.HandlingAgent),
        ], effects);
        Assert.True(driver.State.CallerHoldRequested);

        driver.Answer("carol");

        Assert.Equal("carol", driver.State.HandlingAgentId);
        Assert.False(driver.State.CallerHoldRequested);
        Assert.Equal(new SetHold(driver.CallerSid, false), driver.Effects.Last());
    }

    [Fact]
    public void Transferer_hanging_up_after_the_target_answered_completes_the_transfer()
    {
        var driver = Consulting();
        var bobLeg = driver.LegOf("bob");

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.LegOf("alice"));

        Assert.Equal(
        [
            new ReleaseAgent("alice", AgentCallOutcome.Finished),
            new SetHold(driver.CallerSid, false),
            new SetEndConferenceOnExit(bobLeg, true),
        ], effects);
        Assert.Equal("bob", driver.State.HandlingAgentId);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
    }

    [Fact]
    public void Complete_before_the_target_answers_becomes_a_blind_transfer()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Send(new CompleteTransfer("alice"));

        Assert.Equal([new HangUpLeg(aliceLeg)], effects);
        Assert.True(driver.State.Transfer!.TransfererGone);
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
        Assert.True(driver.Answer("bob").EndConferenceOnExit);
        Assert.Equal("bob", driver.State.HandlingAgentId);
    }

    [Theory]
    [InlineData(ConferencePhase.Transferring)]
    [InlineData(ConferencePhase.Consulting)]
    [InlineData(ConferencePhase.ThreeWay)]
    public void Caller_hanging_up_mid_transfer_hangs_up_every_agent_and_frees_them(ConferencePhase phase)
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        if (phase != ConferencePhase.Transferring)
        {
            driver.Answer("bob");
        }

        if (phase == ConferencePhase.ThreeWay)
        {
            driver.Send(new JoinThreeWay("alice"));
        }

        Assert.Equal(phase, driver.State.Phase);
        var legs = new[] { driver.LegOf("alice"), driver.LegOf("bob") };

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.CallerSid);

        Assert.Equal([new HangUpLeg(legs[0]), new HangUpLeg(legs[1])], effects);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(legs[0], CallStatus.Completed));
        Assert.Equal([new ReleaseAgent("bob", AgentCallOutcome.Finished)], driver.Event(ConferenceEventKind.ParticipantLeave, legs[1]));
    }

    [Fact]
    public void Transfers_chain_from_one_agent_to_the_next()
    {
        var driver = Consulting();
        driver.Send(new CompleteTransfer("alice"));
        driver.MakeAvailable("carol");

        driver.Send(new StartTransfer("bob", "carol"));
        driver.Answer("carol");
        driver.Send(new CompleteTransfer("bob"));

        Assert.Equal("carol", driver.State.HandlingAgentId);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal(
            [ParticipantRole.Caller, ParticipantRole.FormerAgent, ParticipantRole.FormerAgent, ParticipantRole.HandlingAgent],
            driver.State.Participants.Select(p => p.Role));
    }

    [Fact]
    public void Only_the_transferer_completes_or_cancels()
    {
        var driver = Consulting();

        driver.Send(new CompleteTransfer("bob"));
        Assert.Equal(CommandOutcome.NotYourCall, driver.LastOutcome);
        driver.Send(new CancelTransfer("bob"));
        Assert.Equal(CommandOutcome.NotYourCall, driver.LastOutcome);
        Assert.Equal(ConferencePhase.Consulting, driver.State.Phase);
    }

    [Fact]
    public void Three_way_before_the_target_answers_is_refused()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));

        driver.Send(new JoinThreeWay("alice"));

        Assert.Equal(CommandOutcome.WrongPhase, driver.LastOutcome);
        Assert.Equal("bob has not answered yet.", driver.LastReason);
    }

    [Fact]
    public void The_handling_agent_holds_and_resumes_the_caller_once_each()
    {
        var driver = RulesDriver.Connected("alice");

        Assert.Equal([new SetHold(driver.CallerSid, true)], driver.Send(new HoldCaller("alice", true)));
        Assert.Empty(driver.Send(new HoldCaller("alice", true)));
        Assert.Equal([new SetHold(driver.CallerSid, false)], driver.Send(new HoldCaller("alice", false)));
    }

    [Fact]
    public void Hanging_up_as_the_only_agent_ends_the_call()
    {
        var driver = RulesDriver.Connected("alice");
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Send(new HangUp("alice"));

        Assert.Equal([new HangUpLeg(aliceLeg), new HangUpLeg(driver.CallerSid)], effects);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
    }

    private static RulesDriver Consulting()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Answer("bob");
        return driver;
    }
}
