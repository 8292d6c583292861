using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>What the rules do when Twilio loses a callback, refuses a request or drops a waiting caller out of the conference.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class TwilioFailureRulesTests
{
    [Fact]
    public void A_waiting_caller_who_leaves_the_conference_without_hanging_up_is_not_dropped_but_checked()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.CallerSid, reasonLeft: null);

        Assert.Equal([new CheckCall(driver.CallerSid)], effects);
        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
        Assert.True(driver.State.Caller!.IsLive);
    }

    [Fact]
    public void A_waiting_callers_conference_ending_under_them_keeps_the_call_and_a_caller_found_gone_ends_it()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);
        driver.CallStatuses[driver.CallerSid] = CallStatus.InProgress;

        driver.Event(ConferenceEventKind.ConferenceEnd);

        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
        Assert.Null(driver.State.ConferenceSid);
        driver.CallStatuses[driver.CallerSid] = CallStatus.Completed;
        driver.Send(new CallStatusReceived(new CallStatusReport(driver.CallerSid, CallStatus.Completed)));
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
    }

    [Fact]
    public void A_returning_caller_joins_a_new_conference_and_the_old_ones_late_events_change_nothing()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var oldConference = driver.ConferenceSid;
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true, sequence: 1);

        driver.Send(new CallerReturned());
        var newConference = Sid.Conference();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true, sequence: 1, conferenceSid: newConference);
        var late = driver.Event(ConferenceEventKind.ConferenceEnd, sequence: 2, conferenceSid: oldConference);

        Assert.Empty(late);
        Assert.Equal(newConference, driver.State.ConferenceSid);
        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
        Assert.Equal(ParticipantState.Joined, driver.State.Caller!.State);
        Assert.Equal(new CallerAdmission(true, driver.CallerSid, null), AdmissionRules.ReturnFor(driver.State, driver.CallerSid));
    }

    [Fact]
    public void A_caller_whose_conference_an_agent_ended_is_not_put_back()
    {
        var driver = RulesDriver.Connected("alice");

        driver.Send(new CallerReturned());

        Assert.False(AdmissionRules.ReturnFor(driver.State, driver.CallerSid).Admitted);
        Assert.NotNull(driver.State.ConferenceSid);
    }

    [Fact]
    public void A_call_twilio_placed_although_its_answer_was_lost_is_hung_up_when_it_reports_in()
    {
        var driver = RulesDriver.Connected("alice");
        var ghost = Sid.Call();

        Assert.Equal([new HangUpLeg(ghost)], driver.Status(ghost, CallStatus.Ringing));
        Assert.Empty(driver.Status(ghost, CallStatus.Completed));
    }

    [Fact]
    public void A_leg_we_hung_up_that_twilio_still_shows_talking_is_hung_up_again()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Answer("bob");
        var aliceLeg = driver.LegOf("alice");
        driver.Send(new CompleteTransfer("alice"));

        Assert.Equal([new HangUpLeg(aliceLeg)], driver.Status(aliceLeg, CallStatus.InProgress));
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Completed));
    }

    [Fact]
    public void A_failed_unhold_stays_wanted_and_is_asked_for_again_when_twilio_shows_the_caller_still_held()
    {
        var driver = RulesDriver.Connected("alice");
        driver.Send(new HoldCaller("alice", true));
        driver.Event(ConferenceEventKind.ParticipantHold, driver.CallerSid, hold: true);
        driver.Fail = effect => effect is SetHold ? "Twilio answered 500." : null;

        driver.Send(new HoldCaller("alice", false));

        Assert.False(driver.State.CallerHoldRequested);
        Assert.True(driver.State.ToView(driver.CallerSid).Participants.Single(p => p.Role == ParticipantRole.Caller).ChangePending);
        driver.Fail = _ => null;
        var effects = driver.Send(new ParticipantsListed(driver.State.ConferenceSid!, Snapshots(driver, (driver.CallerSid, true))));
        Assert.Equal([new SetHold(driver.CallerSid, false)], effects);
        Assert.False(driver.State.Caller!.OnHold);
    }

    [Fact]
    public void A_lost_join_of_the_handling_agent_is_found_in_the_participant_list()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);
        var aliceLeg = driver.LegOf("alice");
        driver.Status(aliceLeg, CallStatus.InProgress);
        driver.Send(new AgentAnswered("alice", aliceLeg));

        var effects = driver.Send(new ParticipantsListed(driver.State.ConferenceSid!, Snapshots(driver)));

        Assert.Contains(new MarkAgentJoined("alice"), effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal("alice", driver.State.HandlingAgentId);
    }

    [Fact]
    public void An_agent_whose_leave_and_completed_callbacks_were_lost_is_freed_once_twilio_says_the_call_is_over()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Answer("bob");
        var bobLeg = driver.LegOf("bob");
        driver.CallStatuses[bobLeg] = CallStatus.Completed;

        var effects = driver.Send(new ParticipantsListed(driver.State.ConferenceSid!, Snapshots(driver).Where(p => p.CallSid != bobLeg).ToList()));

        Assert.Contains(new CheckCall(bobLeg), effects);
        Assert.Contains(new ReleaseAgent("bob", AgentCallOutcome.Finished), effects);
        Assert.Contains(new NotifyAgent("alice", "bob hung up before the transfer completed."), effects);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
    }

    [Fact]
    public void An_agent_checking_in_is_released_only_if_no_leg_of_theirs_is_up()
    {
        var driver = RulesDriver.Connected("alice");

        Assert.Empty(driver.Send(new AgentCheckingIn("alice")));
        Assert.Equal([new ReleaseAgent("carol", AgentCallOutcome.Finished)], driver.Send(new AgentCheckingIn("carol")));
    }

    [Fact]
    public void A_transferer_who_hangs_up_before_the_target_is_rung_still_gets_the_caller_to_the_target()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");
        var reserved = ConferenceRules.Decide(driver.State, new TransferTargetReserved("alice", "bob"), driver.Now);

        var left = ConferenceRules.Decide(reserved.State, new CallStatusReceived(new CallStatusReport(aliceLeg, CallStatus.Completed)), driver.Now);

        Assert.Contains(new DialAgent("bob", ParticipantRole.TransferTarget), left.Effects);
        Assert.Contains(new SetHold(driver.CallerSid, true), left.Effects);
        Assert.True(left.State.Transfer!.TransfererGone);
        Assert.Empty(ConferenceInvariants.Broken(left.State));
    }

    private static List<ParticipantSnapshot> Snapshots(RulesDriver driver, params (string CallSid, bool Hold)[] held) =>
        [.. driver.State.Participants.Where(p => p.IsLive).Select(p =>
            new ParticipantSnapshot(p.CallSid, held.Any(h => h.CallSid == p.CallSid && h.Hold), p.EndConferenceOnExit))];
}
