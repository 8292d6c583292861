using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class TwilioCallbackRulesTests
{
    [Fact]
    public void A_repeated_conference_event_changes_nothing()
    {
        var driver = RulesDriver.Connected("alice");
        var aliceLeg = driver.LegOf("alice");
        driver.Event(ConferenceEventKind.ParticipantLeave, aliceLeg, sequence: 40);
        var after = driver.State;

        Assert.Empty(driver.Event(ConferenceEventKind.ParticipantLeave, aliceLeg, sequence: 40));
        Assert.Same(after, driver.State);
    }

    [Fact]
    public void A_stale_conference_event_does_not_move_a_leg_backwards()
    {
        var driver = RulesDriver.Connected("alice");
        var aliceLeg = driver.LegOf("alice");
        driver.Event(ConferenceEventKind.ParticipantHold, aliceLeg, sequence: 10);

        driver.Event(ConferenceEventKind.ParticipantUnhold, aliceLeg, sequence: 9);

        Assert.True(driver.State.Leg(aliceLeg)!.OnHold);
    }

    [Fact]
    public void Reordered_events_of_different_legs_are_each_applied()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");
        driver.Status(aliceLeg, CallStatus.InProgress);
        driver.Send(new AgentAnswered("alice", aliceLeg));

        driver.Event(ConferenceEventKind.ParticipantJoin, aliceLeg, sequence: 3);
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, sequence: 1);

        Assert.Equal(ParticipantState.Joined, driver.State.Leg(aliceLeg)!.State);
        Assert.Equal(ParticipantState.Joined, driver.State.Caller!.State);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
    }

    [Fact]
    public void A_late_call_status_never_moves_a_leg_backwards()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");
        driver.Status(aliceLeg, CallStatus.InProgress);

        Assert.Empty(driver.Status(aliceLeg, CallStatus.Ringing));
        Assert.Equal(ParticipantState.Connecting, driver.State.Leg(aliceLeg)!.State);
        Assert.Equal(CallStatus.InProgress, driver.State.Leg(aliceLeg)!.LastCallStatus);
    }

    [Fact]
    public void Events_of_another_conference_with_the_same_name_are_ignored()
    {
        var driver = RulesDriver.Connected("alice");
        var before = driver.State;

        driver.Send(new ConferenceEventReceived(new ConferenceEvent(ConferenceEventKind.ConferenceEnd, Sid.Conference(), 99, null, null, null, null)));

        Assert.Same(before, driver.State);
    }

    [Fact]
    public void Events_for_a_conference_that_never_admitted_a_caller_are_ignored()
    {
        var state = new ConferenceState();

        var decision = ConferenceRules.Decide(state, new ConferenceEventReceived(
            new ConferenceEvent(ConferenceEventKind.ParticipantJoin, Sid.Conference(), 1, Sid.Call(), false, false, null)), DateTimeOffset.UnixEpoch);

        Assert.Same(state, decision.State);
        Assert.Empty(decision.Effects);
    }

    [Fact]
    public void Conference_end_hangs_up_every_leg_and_frees_each_agent_once_their_leg_is_over()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        var bobLeg = driver.LegOf("bob");
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Event(ConferenceEventKind.ConferenceEnd);

        Assert.Contains(new HangUpLeg(bobLeg), effects);
        Assert.Contains(new HangUpLeg(aliceLeg), effects);
        Assert.DoesNotContain(effects, e => e is ReleaseAgent);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Null(driver.State.Transfer);
        Assert.Equal([new ReleaseAgent("bob", AgentCallOutcome.Finished)], driver.Status(bobLeg, CallStatus.Canceled));
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
    }

    [Fact]
    public void A_leg_unknown_to_the_conference_is_ignored()
    {
        var driver = RulesDriver.Connected("alice");
        var before = driver.State;

        Assert.Empty(driver.Status(Sid.Call(), CallStatus.Completed));
        Assert.Empty(driver.Event(ConferenceEventKind.ParticipantLeave, Sid.Call()));
        Assert.Same(before.Participants, driver.State.Participants);
    }
}
