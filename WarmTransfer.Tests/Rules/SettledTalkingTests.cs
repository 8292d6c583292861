using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class SettledTalkingTests
{
    [Fact]
    public void A_caller_talking_with_their_agent_is_settled_once_Twilio_reported_the_agent_in_the_conference()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);
        var aliceLeg = driver.LegOf("alice");
        driver.Status(aliceLeg, CallStatus.Ringing);
        driver.Status(aliceLeg, CallStatus.InProgress);
        driver.Send(new AgentAnswered("alice", aliceLeg));
        Assert.False(SettledTalking.Holds(driver.State), "alice's join is still due");

        driver.Event(ConferenceEventKind.ParticipantJoin, aliceLeg, hold: false, endConferenceOnExit: false);

        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.True(SettledTalking.Holds(driver.State));
    }

    [Fact]
    public void A_call_in_transfer_is_not_settled_and_is_again_once_the_transferer_is_reported_gone()
    {
        var driver = RulesDriver.Connected("alice", "bob");
        var aliceLeg = driver.LegOf("alice");
        driver.Send(new StartTransfer("alice", "bob"));
        Assert.False(SettledTalking.Holds(driver.State));
        driver.Answer("bob");
        Assert.False(SettledTalking.Holds(driver.State));

        driver.Send(new CompleteTransfer("alice"));
        Assert.Equal(ConferencePhase.Connected, driver.State.Phase);
        Assert.False(SettledTalking.Holds(driver.State), "alice's leg is hung up but not yet reported over");

        driver.Status(aliceLeg, CallStatus.Completed);

        Assert.True(SettledTalking.Holds(driver.State));
    }

    [Fact]
    public void A_call_whose_caller_hung_up_is_not_settled()
    {
        var driver = RulesDriver.Connected("alice");
        Assert.True(SettledTalking.Holds(driver.State));

        driver.Status(driver.CallerSid, CallStatus.Completed);

        Assert.False(SettledTalking.Holds(driver.State));
    }
}
