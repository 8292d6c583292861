using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Cluster;

[Collection(ClusterCollection.Name)]
[Trait("Tier", Tier.Grains)]
public sealed class ConferenceGrainTests(ClusterFixture fixture) : GrainTest(fixture)
{
    [Fact]
    public async Task Caller_is_offered_to_an_available_agent_who_then_holds_the_conference_id()
    {
        var alice = await AvailableAgent("alice");

        var conferenceId = await CallerArrives();

        var dial = await DialOf(conferenceId, alice);
        Assert.Equal(dial, Assert.Single(Telephony.DialsFor(conferenceId)));
        var agent = await Agent(alice).GetAsync();
        Assert.Equal(conferenceId, agent.CurrentConferenceId);
        Assert.Equal(AgentPresence.Ringing, agent.Presence);
        Assert.Equal(ConferencePhase.Offering, (await Conference(conferenceId).GetAsync()).Phase);
    }

    [Fact]
    public async Task Caller_waits_when_no_agent_is_free_and_is_offered_to_the_next_agent_who_connects()
    {
        var conferenceId = await CallerArrives();
        Assert.Empty(Telephony.DialsFor(conferenceId));
        Assert.Equal(ConferencePhase.Queued, (await Conference(conferenceId).GetAsync()).Phase);

        var bob = await AvailableAgent("bob");

        Assert.Equal(bob, (await DialOf(conferenceId, bob)).AgentId);
        Assert.Equal(conferenceId, (await Agent(bob).GetAsync()).CurrentConferenceId);
    }

    [Fact]
    public async Task A_caller_settled_in_line_is_let_go_and_brought_back_to_be_offered_to_the_next_agent_who_connects()
    {
        var conferenceId = await CallerArrives();
        await JoinAsync(conferenceId, conferenceId, endConferenceOnExit: true);

        await Eventually.Until(() => IsActiveAsync(conferenceId), active => !active, $"conference {conferenceId}, settled in line, to be let go");
        var bob = await AvailableAgent("bob");

        Assert.Equal(bob, (await DialOf(conferenceId, bob)).AgentId);
        Assert.Equal(ConferencePhase.Offering, (await Conference(conferenceId).GetAsync()).Phase);
    }

    [Fact]
    public async Task A_caller_whose_join_Twilio_has_not_reported_stays_active_to_watch_for_it()
    {
        var unreported = await CallerArrives();
        var joined = await CallerArrives();
        await JoinAsync(joined, joined, endConferenceOnExit: true);

        await Eventually.Until(() => IsActiveAsync(joined), active => !active, $"conference {joined}, settled in line, to be let go");

        Assert.True(await IsActiveAsync(unreported), "its join is overdue only if someone watches for it");
    }

    [Fact]
    public async Task The_agent_idle_longest_gets_the_call()
    {
        var first = await AvailableAgent("first");
        await AvailableAgent("second");

        var conferenceId = await CallerArrives();

        var dial = await DialOf(conferenceId, first);
        Assert.Equal(dial, Assert.Single(Telephony.DialsFor(conferenceId)));
    }

    [Fact]
    public async Task Participants_and_their_roles_follow_twilios_callbacks()
    {
        var (conferenceId, alice) = await ConnectedCallAsync();
        var bob = await AvailableAgent("bob");

        var result = await Conference(conferenceId).StartTransferAsync(alice, bob);

        Assert.True(result.Accepted, result.Reason);
        var view = result.Conference;
        Assert.Equal(ConferencePhase.Transferring, view.Phase);
        Assert.Equal(ConferenceSidOf(conferenceId), view.ConferenceSid);
        Assert.Equal(
            [(ParticipantRole.Caller, (string?)null, ParticipantState.Joined), (ParticipantRole.HandlingAgent, alice, ParticipantState.Joined), (ParticipantRole.TransferTarget, bob, ParticipantState.Dialing)],
            view.Participants.Select(p => (p.Role, p.AgentId, p.State)));
        Assert.Equal(new TransferView(alice, bob, false), view.Transfer);
        var aliceLeg = view.Participants[1].CallSid;
        Assert.Contains(new TelephonyRequest.EndConferenceOnExit(ConferenceSidOf(conferenceId), aliceLeg, false), Telephony.About(aliceLeg));
        Assert.Contains(new TelephonyRequest.Hold(ConferenceSidOf(conferenceId), conferenceId, true), Telephony.About(conferenceId));
    }

    [Fact]
    public async Task A_completed_transfer_leaves_caller_and_target_and_frees_the_transferer_once_their_leg_is_over()
    {
        var (conferenceId, alice) = await ConnectedCallAsync();
        var aliceLeg = (await DialOf(conferenceId, alice)).CallSid;
        var bob = await AvailableAgent("bob");
        await Conference(conferenceId).StartTransferAsync(alice, bob);
        await AnswerAsync(conferenceId, bob);

        var result = await Conference(conferenceId).CompleteTransferAsync(alice);

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(bob, result.Conference.HandlingAgentId);
        Assert.Contains(new TelephonyRequest.HangUp(aliceLeg), Telephony.About(aliceLeg));
        Assert.Equal(AgentPresence.OnCall, (await Agent(alice).GetAsync()).Presence);
        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(aliceLeg, CallStatus.Completed));
        Assert.Equal((AgentPresence.Available, (string?)null), ((await Agent(alice).GetAsync()).Presence, (await Agent(alice).GetAsync()).CurrentConferenceId));
        Assert.Equal((AgentPresence.OnCall, conferenceId), ((await Agent(bob).GetAsync()).Presence, (await Agent(bob).GetAsync()).CurrentConferenceId));
    }

    [Fact]
    public async Task A_missed_offer_sets_the_agent_away_and_rings_the_next()
    {
        var alice = await AvailableAgent("alice");
        var bob = await AvailableAgent("bob");
        var conferenceId = await CallerArrives();
        var aliceDial = await DialOf(conferenceId, alice);

        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(aliceDial.CallSid, CallStatus.NoAnswer));

        Assert.Equal(bob, (await DialOf(conferenceId, bob)).AgentId);
        Assert.Equal(AgentPresence.Away, (await Agent(alice).GetAsync()).Presence);
    }

    [Fact]
    public async Task Caller_hanging_up_hangs_up_every_agent_leg_and_frees_each_agent_once_their_leg_is_over()
    {
        var (conferenceId, alice) = await ConnectedCallAsync();
        var aliceDial = await DialOf(conferenceId, alice);
        var bob = await AvailableAgent("bob");
        await Conference(conferenceId).StartTransferAsync(alice, bob);
        var bobDial = await DialOf(conferenceId, bob);

        await Event(conferenceId, ConferenceEventKind.ParticipantLeave, conferenceId);

        Assert.Equal(ConferencePhase.Ended, (await Conference(conferenceId).GetAsync()).Phase);
        Assert.Contains(new TelephonyRequest.HangUp(bobDial.CallSid), Telephony.About(bobDial.CallSid));
        Assert.Contains(new TelephonyRequest.HangUp(aliceDial.CallSid), Telephony.About(aliceDial.CallSid));
        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(bobDial.CallSid, CallStatus.Canceled));
        await Event(conferenceId, ConferenceEventKind.ParticipantLeave, aliceDial.CallSid);
        foreach (var agent in new[] { alice, bob })
        {
            var view = await Agent(agent).GetAsync();
            Assert.Equal((AgentPresence.Available, (string?)null), (view.Presence, view.CurrentConferenceId));
        }
    }

    [Fact]
    public async Task A_callback_that_arrives_while_the_agent_is_dialled_after_the_answer_waits_for_the_dial()
    {
        var alice = await AvailableAgent("alice");
        var release = new TaskCompletionSource();
        var dialling = Telephony.HoldNextDial(alice, release.Task);

        // Answered before the dial: the caller's TwiML does not wait for Twilio's REST API.
        var conferenceId = await CallerArrives();
        await dialling;
        var hangUp = Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(conferenceId, CallStatus.Completed));

        // Must not happen: the callback running between the dial and its result would dial alice again.
        Assert.NotSame(hangUp, await Task.WhenAny(hangUp, Task.Delay(TimeSpan.FromMilliseconds(500))));
        release.SetResult();
        await hangUp;

        var dial = Assert.Single(Telephony.DialsFor(conferenceId));
        Assert.Contains(new TelephonyRequest.HangUp(dial.CallSid), Telephony.About(dial.CallSid));
        Assert.Equal(ConferencePhase.Ended, (await Conference(conferenceId).GetAsync()).Phase);
    }

    [Fact]
    public async Task A_leg_twilio_refuses_to_place_leaves_the_agent_available_and_the_caller_retrying()
    {
        var flaky = await AvailableAgent("flaky");
        Telephony.MakeUnreachable(flaky);

        var conferenceId = await CallerArrives();

        Assert.Equal(ConferencePhase.Queued, (await Conference(conferenceId).GetAsync()).Phase);
        Assert.Equal(AgentPresence.Available, (await Agent(flaky).GetAsync()).Presence);
    }

    [Fact]
    public async Task A_caller_gone_before_joining_with_no_report_is_found_out_through_the_rest_api()
    {
        var alice = await AvailableAgent("alice");
        var conferenceId = await CallerArrives();
        var aliceDial = await DialOf(conferenceId, alice);

        Telephony.SetCallStatus(conferenceId, CallStatus.Completed);
        var check = Fixture.Settings.UnreportedLegCheck;
        Fixture.Clock.Advance(check);
        Assert.Equal(ConferencePhase.Offering, (await Conference(conferenceId).GetAsync()).Phase);

        // The second check finds the caller's join overdue (silent longer than the grace) and asks Twilio.
        Fixture.Clock.Advance(check);

        await Eventually.Until(() => Conference(conferenceId).GetAsync(), view => view.Phase == ConferencePhase.Ended, "the conference to end");
        Assert.Contains(new TelephonyRequest.FetchCall(conferenceId), Telephony.About(conferenceId));
        Assert.Contains(new TelephonyRequest.HangUp(aliceDial.CallSid), Telephony.About(aliceDial.CallSid));

        // Nothing reports alice's hung-up leg over either: a check past its grace asks Twilio about it.
        Fixture.Clock.Advance(check * 2);

        var view = await Eventually.Until(() => Agent(alice).GetAsync(), v => v.CurrentConferenceId is null, "alice to be free");
        Assert.Equal(AgentPresence.Available, view.Presence);
    }

    [Fact]
    public async Task An_ended_call_is_cleared_from_storage_once_every_leg_is_over_and_the_retention_has_passed()
    {
        var (conferenceId, alice) = await ConnectedCallAsync();
        var aliceLeg = (await DialOf(conferenceId, alice)).CallSid;

        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(conferenceId, CallStatus.Completed));
        Assert.Equal(ConferencePhase.Ended, (await Conference(conferenceId).GetAsync()).Phase);
        await Conference(conferenceId).OnCallStatusAsync(new CallStatusReport(aliceLeg, CallStatus.Completed));
        Fixture.Clock.Advance(Fixture.Settings.EndedCallRetention - TimeSpan.FromSeconds(1));
        Assert.Equal(ConferencePhase.Ended, (await Conference(conferenceId).GetAsync()).Phase);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var cleared = await Eventually.Until(() => Conference(conferenceId).GetAsync(), view => view.Phase == ConferencePhase.None, "the ended call to be cleared");
        Assert.Empty(cleared.Participants);
        Assert.Null(cleared.EndedAt);
        Assert.Null((await Agent(alice).GetAsync()).CurrentConferenceId);
    }
}
