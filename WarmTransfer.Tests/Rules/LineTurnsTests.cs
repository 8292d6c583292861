using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Tests.Rules;

[Trait("Tier", Tier.Rules)]
public sealed class LineTurnsTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_caller_is_told_once_until_it_answers_and_another_callers_answer_changes_nothing()
    {
        var turns = new LineTurns(Hold);

        Assert.True(turns.TryTell("CA1", Now));
        Assert.True(turns.TryTell("CA2", Now));
        Assert.False(turns.TryTell("CA1", Now.AddSeconds(1)));

        turns.Answered("CA2");
        Assert.False(turns.TryTell("CA1", Now.AddSeconds(2)));
        Assert.True(turns.TryTell("CA2", Now.AddSeconds(2)));
        turns.Answered("CA1");
        Assert.True(turns.TryTell("CA1", Now.AddSeconds(2)));
    }

    [Fact]
    public void A_caller_that_never_answers_is_told_again_once_the_hold_lapses_or_the_told_are_forgotten()
    {
        var turns = new LineTurns(Hold);
        turns.TryTell("CA1", Now);

        Assert.False(turns.TryTell("CA1", Now + Hold - TimeSpan.FromTicks(1)));
        Assert.True(turns.TryTell("CA1", Now + Hold));

        turns.ForgetTold();
        Assert.True(turns.TryTell("CA1", Now + Hold));
    }

    [Fact]
    public void A_caller_handed_an_agent_is_taking_it_until_it_answers_or_the_hold_lapses()
    {
        var turns = new LineTurns(Hold);
        turns.Handed("CA1", Now);
        turns.Handed("CA2", Now);

        Assert.True(turns.IsTaking("CA1", Now.AddSeconds(1)));
        turns.Answered("CA1");
        Assert.False(turns.IsTaking("CA1", Now.AddSeconds(1)));

        Assert.True(turns.AnyTaking(Now + Hold - TimeSpan.FromTicks(1)));
        Assert.False(turns.IsTaking("CA2", Now + Hold));
        Assert.False(turns.AnyTaking(Now + Hold));
    }

    [Fact]
    public void A_caller_is_not_told_while_it_is_asking_and_asking_ends_its_turn()
    {
        var turns = new LineTurns(Hold);
        turns.Handed("CA1", Now);

        turns.Asking("CA1");
        Assert.False(turns.IsTaking("CA1", Now));
        Assert.False(turns.TryTell("CA1", Now));

        turns.Asked("CA1");
        Assert.True(turns.TryTell("CA1", Now));
    }

    [Fact]
    public void Forgetting_the_told_keeps_the_callers_taking_an_agent()
    {
        var turns = new LineTurns(Hold);
        turns.Handed("CA1", Now);

        turns.ForgetTold();

        Assert.True(turns.IsTaking("CA1", Now));
    }
}
