using WarmTransfer.Grains.Conferences;
using static WarmTransfer.Grains.Conferences.ConferenceInput;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class SettledInLineTests
{
    [Fact]
    public void A_waiting_caller_is_settled_once_Twilio_reported_them_in_their_conference()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();
        Assert.False(SettledInLine.Holds(driver.State), "their join is still due: the grain watches for it");

        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);

        Assert.True(SettledInLine.Holds(driver.State));
    }

    [Fact]
    public void A_caller_being_offered_to_an_agent_is_not_settled()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);

        driver.MakeAvailable("bob");
        driver.Send(new AgentMayBeAvailable());

        Assert.Equal(ConferencePhase.Offering, driver.State.Phase);
        Assert.False(SettledInLine.Holds(driver.State));
    }

    [Fact]
    public void A_caller_back_in_line_is_settled_only_once_the_refused_agent_leg_is_reported_over()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);
        var aliceLeg = driver.LegOf("alice");

        driver.Status(aliceLeg, CallStatus.Ringing);
        Assert.False(SettledInLine.Holds(driver.State));
        driver.Status(aliceLeg, CallStatus.NoAnswer);

        Assert.Equal(ConferencePhase.Queued, driver.State.Phase);
        Assert.True(SettledInLine.Holds(driver.State));
    }

    [Fact]
    public void A_caller_who_hung_up_is_not_settled_in_line()
    {
        var driver = new RulesDriver();
        driver.CallerArrives();
        driver.Event(ConferenceEventKind.ParticipantJoin, driver.CallerSid, hold: false, endConferenceOnExit: true);

        driver.Status(driver.CallerSid, CallStatus.Completed);

        Assert.False(SettledInLine.Holds(driver.State));
    }
}
