using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class HeadNudgeTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_head_is_told_once_until_it_answers()
    {
        var nudge = new HeadNudge(Hold);

        Assert.True(nudge.TryNudge("CA1", Now));
        Assert.False(nudge.TryNudge("CA1", Now.AddSeconds(1)));

        nudge.Answered("CA1");
        Assert.True(nudge.TryNudge("CA1", Now.AddSeconds(2)));
    }

    [Fact]
    public void A_new_head_is_told_at_once_and_another_callers_answer_changes_nothing()
    {
        var nudge = new HeadNudge(Hold);
        nudge.TryNudge("CA1", Now);

        Assert.True(nudge.TryNudge("CA2", Now));
        nudge.Answered("CA1");
        Assert.False(nudge.TryNudge("CA2", Now));
    }

    [Fact]
    public void A_head_that_never_answers_is_told_again_once_the_hold_lapses_or_the_queue_offers_again()
    {
        var nudge = new HeadNudge(Hold);
        nudge.TryNudge("CA1", Now);

        Assert.False(nudge.TryNudge("CA1", Now + Hold - TimeSpan.FromTicks(1)));
        Assert.True(nudge.TryNudge("CA1", Now + Hold));

        nudge.Forget();
        Assert.True(nudge.TryNudge("CA1", Now + Hold));
    }
}
