using WarmTransfer.Grains.Agents;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// An agent is released (and so may be offered the next caller) only once Twilio reports every leg of theirs in this
/// conference over: the Voice SDK ignores an incoming call while the browser still holds one (allowIncomingWhileBusy
/// defaults to false: Twilio Voice JS SDK, Device.Options, https://www.twilio.com/docs/voice/sdks/javascript/twiliodevice),
/// so releasing on our own hang-up request would ring out the next caller.
/// </summary>
public static class AgentReleases
{
    /// <summary>Holds back each release whose agent still has a leg up, and carries out those whose legs are now over.</summary>
    public static Decision Settle(Decision decision)
    {
        if (!decision.Effects.Any(static e => e is ReleaseAgent) && !decision.State.Participants.Exists(static p => p.CallOver && p.ReleaseWhenOver is not null))
        {
            return decision; // most steps release nobody: nothing to hold back or carry out
        }

        var state = decision.State;
        var effects = new List<ConferenceEffect>(decision.Effects.Length);
        foreach (var effect in decision.Effects)
        {
            if (effect is ReleaseAgent release && LegsNotOver(state, release.AgentId).Any())
            {
                foreach (var leg in LegsNotOver(state, release.AgentId).ToList())
                {
                    state = state.With(leg with { ReleaseWhenOver = Worse(leg.ReleaseWhenOver, release.Outcome) });
                }

                continue;
            }

            effects.Add(effect);
        }

        foreach (var agentId in state.Participants.Where(p => p.CallOver && p.ReleaseWhenOver is not null).Select(p => p.AgentId!).Distinct().ToList())
        {
            if (LegsNotOver(state, agentId).Any())
            {
                continue;
            }

            var legs = state.Participants.Where(p => p.AgentId == agentId && p.ReleaseWhenOver is not null).ToList();
            effects.Add(new ReleaseAgent(agentId, legs.Any(l => l.ReleaseWhenOver == AgentCallOutcome.Missed) ? AgentCallOutcome.Missed : AgentCallOutcome.Finished));
            state = legs.Aggregate(state, (s, leg) => s.With(leg with { ReleaseWhenOver = null }));
        }

        return ReferenceEquals(state, decision.State) && effects.Count == decision.Effects.Length
            ? decision
            : decision with { State = state, Effects = [.. effects] };
    }

    /// <summary>An agent grain that thinks it is on this call asks; it is released unless a leg of theirs is up or about to be placed.</summary>
    public static Decision CheckIn(ConferenceState state, string agentId) =>
        Belongs(state, agentId) ? Decision.Unchanged(state) : new Decision(state, [new ReleaseAgent(agentId, AgentCallOutcome.Finished)]);

    public static bool Belongs(ConferenceState state, string agentId) =>
        LegsNotOver(state, agentId).Any()
        || state.Outbox.Any(e => e is DialAgent dial && dial.AgentId == agentId)
        || state.Transfer is { TargetCallSid: null } transfer && transfer.TargetId == agentId;

    private static IEnumerable<Participant> LegsNotOver(ConferenceState state, string agentId) =>
        state.LegsNotOver.Where(p => p.AgentId == agentId);

    private static AgentCallOutcome Worse(AgentCallOutcome? a, AgentCallOutcome b) =>
        a == AgentCallOutcome.Missed || b == AgentCallOutcome.Missed ? AgentCallOutcome.Missed : AgentCallOutcome.Finished;
}
