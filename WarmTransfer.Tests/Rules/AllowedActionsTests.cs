using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

/// <summary>The actions and wording the server pushes to each agent's console, phase by phase.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class AllowedActionsTests
{
    [Fact]
    public void The_handling_agent_may_transfer_and_hold_then_resume_the_caller()
    {
        var driver = RulesDriver.Connected("alice", "bob");

        Assert.Equal(Offer("alice", ParticipantState.Joined, "Talking with the caller.", transfer: true, holdCaller: true), ActionsOf(driver, "alice"));

        driver.Send(new HoldCaller("alice", true));

        Assert.Equal(Offer("alice", ParticipantState.Joined, "The caller is on hold.", transfer: true, resumeCaller: true), ActionsOf(driver, "alice"));
    }

    [Fact]
    public void While_the_target_rings_the_transferer_may_complete_blind_or_cancel_and_the_target_may_do_nothing()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));

        Assert.Equal(Offer("alice", ParticipantState.Joined, "Calling bob… the caller is on hold.", complete: true, cancel: true), ActionsOf(driver, "alice"));
        Assert.Equal(Offer("bob", ParticipantState.Dialing, "Connecting…"), ActionsOf(driver, "bob"));
    }

    [Fact]
    public void In_a_consult_the_transferer_may_bring_the_caller_in_complete_or_cancel()
    {
        var driver = Consulting();

        Assert.Equal(Offer("alice", ParticipantState.Joined, "Consulting bob; the caller is on hold.", threeWay: true, complete: true, cancel: true), ActionsOf(driver, "alice"));
        Assert.Equal(Offer("bob", ParticipantState.Joined, "Consulting alice; the caller is on hold."), ActionsOf(driver, "bob"));
    }

    [Fact]
    public void In_three_way_the_transferer_may_hold_the_caller_again_complete_or_cancel()
    {
        var driver = Consulting();
        driver.Send(new JoinThreeWay("alice"));

        Assert.Equal(Offer("alice", ParticipantState.Joined, "Three-way call: everyone hears everyone.", holdCaller: true, complete: true, cancel: true), ActionsOf(driver, "alice"));
    }

    [Fact]
    public void A_completion_waiting_for_twilio_offers_nothing_more_and_an_ended_call_offers_no_one_anything()
    {
        var driver = Consulting();
        var completing = ConferenceRules.Decide(driver.State, new CompleteTransfer("alice"), driver.Now).State;

        var alice = completing.ToView("conference").Actions.Single(a => a.AgentId == "alice");
        Assert.False(alice.Complete || alice.Cancel || alice.ThreeWay || alice.HoldCaller || alice.ResumeCaller || alice.Transfer);

        driver.Status(driver.CallerSid, CallStatus.Completed);
        Assert.Equal(ConferencePhase.Ended, driver.State.Phase);
        Assert.Empty(driver.State.ToView("conference").Actions);
    }

    private static AgentActions ActionsOf(RulesDriver driver, string agentId) =>
        driver.State.ToView("conference").Actions.Single(a => a.AgentId == agentId);

    private static AgentActions Offer(string agentId, ParticipantState leg, string situation, bool transfer = false, bool holdCaller = false,
        bool resumeCaller = false, bool threeWay = false, bool complete = false, bool cancel = false) =>
        new(agentId, leg, situation, transfer, holdCaller, resumeCaller, threeWay, complete, cancel);

    private static RulesDriver Consulting()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        driver.Send(new StartTransfer("alice", "bob"));
        driver.Answer("bob");
        return driver;
    }
}
