using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class OfferingRulesTests
{
    [Fact]
    public void Caller_waits_in_the_conference_while_the_first_available_agent_is_rung()
    {
        var driver = new RulesDriver("alice");

        var effects = driver.CallerArrives();

        Assert.Equal([new AcquireAgent(), new DialAgent("alice", ParticipantRole.HandlingAgent)], effects);
        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
        var caller = Assert.Single(driver.State.Participants, p => p.Role == ParticipantRole.Caller);
        Assert.Equal(driver.CallerSid, caller.CallSid);
        Assert.True(caller.EndConferenceOnExit);
        var agentLeg = Assert.Single(driver.State.Participants, p => p.Role == ParticipantRole.HandlingAgent);
        Assert.Equal(("alice", ParticipantState.Dialing), (agentLeg.AgentId, agentLeg.State));
    }

    [Fact]
    public void Caller_waits_in_line_when_no_agent_is_available_and_is_offered_to_the_next_who_becomes_available()
    {
        var driver = new RulesDriver();

        Assert.Equal([new AcquireAgent()], driver.CallerArrives());
        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);

        driver.MakeAvailable("bob");
        var effects = driver.Send(new AgentMayBeAvailable());

        Assert.Equal([new AcquireAgent(), new DialAgent("bob", ParticipantRole.HandlingAgent)], effects);
        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
    }

    [Fact]
    public void A_repeated_incoming_call_webhook_dials_nobody_twice()
    {
        var driver = new RulesDriver("alice", "bob");
        driver.CallerArrives();

        Assert.Empty(driver.CallerArrives());
        Assert.Single(driver.Effects.OfType<DialAgent>());
    }

    [Theory]
    [InlineData(CallStatus.NoAnswer)]
    [InlineData(CallStatus.Busy)]
    [InlineData(CallStatus.Failed)]
    public void An_offer_that_is_not_answered_sets_the_agent_away_and_rings_the_next_agent(CallStatus status)
    {
        var driver = new RulesDriver("alice", "bob");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Status(aliceLeg, status);

        Assert.Equal(
            [new ReleaseAgent("alice", AgentCallOutcome.Missed), new AcquireAgent(), new DialAgent("bob", ParticipantRole.HandlingAgent)],
            effects);
        Assert.Equal(ParticipantState.Failed, driver.State.Leg(aliceLeg)!.State);
        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
    }

    [Fact]
    public void When_twilio_refuses_to_ring_an_agent_the_agent_stays_available_and_the_caller_asks_the_queue_again()
    {
        var driver = new RulesDriver("alice");
        driver.MakeUnreachable("alice");

        var effects = driver.CallerArrives();

        Assert.Equal(
            [new AcquireAgent(), new DialAgent("alice", ParticipantRole.HandlingAgent), new ReleaseAgent("alice", AgentCallOutcome.Finished), new AcquireAgent()],
            effects);
        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
    }

    [Fact]
    public void A_caller_whose_agent_twilio_would_not_ring_is_offered_the_next_available_agent_at_once()
    {
        var driver = new RulesDriver("alice", "bob");
        driver.MakeUnreachable("alice");

        driver.CallerArrives();

        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
        Assert.Equal("bob", driver.State.LiveLegOf("bob")?.AgentId);
    }

    [Fact]
    public void The_answering_agent_joins_with_end_conference_on_exit_so_the_caller_is_never_left_alone()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();

        var connection = driver.Answer("alice");

        Assert.True(connection.Join);
        Assert.True(connection.EndConferenceOnExit);
        Assert.Equal(driver.CallerSid, connection.ConferenceName);
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.Equal("alice", driver.State.HandlingAgentId);
        Assert.Contains(new MarkAgentJoined("alice"), driver.Effects);
        Assert.Equal(driver.ConferenceSid, driver.State.ConferenceSid);
    }

    [Fact]
    public void The_only_agent_hanging_up_ends_the_call()
    {
        var driver = RulesDriver.Connected("alice");
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, aliceLeg);

        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished), new HangUpLeg(driver.CallerSid)], effects);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.All(driver.State.Participants, p => Assert.False(p.IsLive));
    }

    [Fact]
    public void Caller_hanging_up_while_an_agent_rings_cancels_the_ring_and_frees_the_agent_once_the_ring_is_over()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");

        var effects = driver.Event(ConferenceEventKind.ParticipantLeave, driver.CallerSid);

        Assert.Equal([new HangUpLeg(aliceLeg), new WithdrawFromQueue()], effects);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Equal([new ReleaseAgent("alice", AgentCallOutcome.Finished)], driver.Status(aliceLeg, CallStatus.Canceled));
    }

    [Fact]
    public void Caller_hanging_up_while_queued_leaves_the_line()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();

        var effects = driver.Status(driver.CallerSid, CallStatus.Completed);

        Assert.Equal([new WithdrawFromQueue()], effects);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Equal("The caller hung up.", driver.State.EndReason);
    }

    [Fact]
    public void An_agent_answering_after_the_caller_hung_up_hears_why_and_does_not_join()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var aliceLeg = driver.LegOf("alice");
        driver.Event(ConferenceEventKind.ParticipantLeave, driver.CallerSid);

        driver.Send(new AgentAnswered("alice", aliceLeg));
        var connection = AdmissionRules.ConnectionFor(driver.State, driver.CallerSid, "alice", aliceLeg);

        Assert.False(connection.Join);
        Assert.Equal(AdmissionRules.CallerGoneMessage, connection.Message);
    }

    [Fact]
    public void A_queue_nudge_for_a_conference_that_is_over_withdraws_it()
    {
        var driver = RulesDriver.Connected("alice");
        driver.Event(ConferenceEventKind.ConferenceEnd);

        Assert.Equal([new WithdrawFromQueue()], driver.Send(new AgentMayBeAvailable()));
    }
}
