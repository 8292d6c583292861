namespace WarmTransfer.Grains.Conferences;

/// <summary>The answer to an agent's command over a whole run of the loop: the first refusal any decision gave, else Accepted.</summary>
public sealed record LoopOutcome(CommandOutcome Outcome, string? Reason)
{
    public static readonly LoopOutcome Accepted = new(CommandOutcome.Accepted, null);

    public static LoopOutcome Of(Decision decision) => decision.Outcome == CommandOutcome.Accepted ? Accepted : new(decision.Outcome, decision.Reason);

    public LoopOutcome Then(LoopOutcome next) => Outcome == CommandOutcome.Accepted ? next : this;
}
