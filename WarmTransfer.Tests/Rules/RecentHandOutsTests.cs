using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class RecentHandOutsTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_agent_handed_to_a_caller_is_held_from_that_caller_alone_until_the_hold_lapses()
    {
        var recent = new RecentHandOuts(Hold);

        recent.Record("CA1", "alice", Now);

        Assert.Equal(["alice"], recent.HeldFrom("CA1", Now + Hold - TimeSpan.FromTicks(1)));
        Assert.Empty(recent.HeldFrom("CA2", Now));
        Assert.Empty(recent.HeldFrom("CA1", Now + Hold));
    }

    [Fact]
    public void Every_agent_handed_within_the_hold_is_held_and_lapsed_hand_outs_are_forgotten()
    {
        var recent = new RecentHandOuts(Hold);
        recent.Record("CA1", "alice", Now);
        recent.Record("CA2", "bob", Now.AddSeconds(1));
        recent.Record("CA1", "carol", Now.AddSeconds(5));

        Assert.Equal(["alice", "carol"], recent.HeldFrom("CA1", Now.AddSeconds(9)));
        Assert.Equal(["carol"], recent.HeldFrom("CA1", Now.AddSeconds(12)));

        recent.Record("CA3", "dave", Now.AddSeconds(12));

        Assert.Equal(2, recent.Count);
        Assert.Empty(recent.HeldFrom("CA2", Now.AddSeconds(12)));
    }
}
