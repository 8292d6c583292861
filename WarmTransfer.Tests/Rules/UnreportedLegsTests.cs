using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Tests.Rules;

/// <summary>Which silent legs the conference grain's watchdog asks Twilio about, and when.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class UnreportedLegsTests
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    [Fact]
    public void A_caller_never_seen_joining_is_overdue_after_the_grace_and_a_ringing_agent_only_after_the_ring_timeout_too()
    {
        var driver = new RulesDriver("alice");
        driver.CallerArrives();
        var legs = new UnreportedLegs();
        legs.Track(driver.State, driver.Now);

        Assert.Empty(legs.Overdue(driver.Now + Grace, RingTimeout, Grace));
        Assert.Equal([driver.CallerSid], legs.Overdue(driver.Now + Grace + TimeSpan.FromSeconds(1), RingTimeout, Grace));
        Assert.DoesNotContain(driver.LegOf("alice"), legs.Overdue(driver.Now + RingTimeout + Grace, RingTimeout, Grace));
        Assert.Contains(driver.LegOf("alice"), legs.Overdue(driver.Now + RingTimeout + Grace + TimeSpan.FromSeconds(1), RingTimeout, Grace));
    }

    [Fact]
    public void A_caller_seen_in_the_conference_is_never_looked_up()
    {
        var driver = RulesDriver.Connected("alice");
        var legs = new UnreportedLegs();

        legs.Track(driver.State, driver.Now);

        Assert.False(legs.Any);
        Assert.Empty(legs.Overdue(driver.Now + TimeSpan.FromHours(1), RingTimeout, Grace));
    }
}
