namespace WarmTransfer.Grains.Conferences;

/// <summary>The answer to an agent's command: the outcome, a reason a person can read, and the conference as it is now.</summary>
[GenerateSerializer, Immutable, Alias("CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] string? Reason,
    [property: Id(2)] ConferenceView Conference)
{
    public bool Accepted => Outcome == CommandOutcome.Accepted;
}
