using System.Collections.Immutable;

namespace WarmTransfer.Grains.Conferences;

/// <summary>What the rules decided: the new state, the effects to carry out in order, and the answer to an agent's command.</summary>
public sealed record Decision(
    ConferenceState State,
    ImmutableArray<ConferenceEffect> Effects,
    CommandOutcome Outcome = CommandOutcome.Accepted,
    string? Reason = null)
{
    public static Decision Unchanged(ConferenceState state) => new(state, []);

    public static Decision Refused(ConferenceState state, CommandOutcome outcome, string reason) => new(state, [], outcome, reason);

    public Decision Then(params ConferenceEffect[] effects) => this with { Effects = Effects.AddRange(effects) };

    /// <summary>Carries on from this decision's state and keeps both decisions' effects, in order.</summary>
    public Decision Then(Func<ConferenceState, Decision> next)
    {
        var following = next(State);
        return following with { Effects = Effects.AddRange(following.Effects) };
    }
}
