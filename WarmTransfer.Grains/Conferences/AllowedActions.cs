using System.Collections.Immutable;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What each agent with a live leg may do, found by trying the agents' own commands on the state: an action is offered
/// exactly when its command would be taken and would change something, so the console never re-derives a rule.
/// </summary>
public static class AllowedActions
{
    public static ImmutableArray<AgentActions> Of(ConferenceState state, ImmutableArray<ParticipantView> participants)
    {
        if (state.Phase == ConferencePhase.Ended)
        {
            return [];
        }

        return [.. state.Participants
            .Where(p => p.AgentId is not null && p.IsLive)
            .DistinctBy(p => p.AgentId)
            .Select(leg => For(state, leg, participants))];
    }

    private static AgentActions For(ConferenceState state, Participant leg, ImmutableArray<ParticipantView> participants)
    {
        var agentId = leg.AgentId!;
        var threeWay = Takes(TransferRules.JoinThreeWay(state, agentId));
        return new AgentActions(
            agentId,
            leg.State,
            CallSituation.For(state, agentId, participants),
            Transfer: Takes(TransferRules.Start(state, agentId, null)),
            HoldCaller: Takes(TransferRules.HoldCaller(state, agentId, true)),
            // In a consult, bringing the caller back is the three-way action; one button for it is enough.
            ResumeCaller: !threeWay && Takes(TransferRules.HoldCaller(state, agentId, false)),
            ThreeWay: threeWay,
            Complete: Takes(TransferRules.Complete(state, agentId)),
            Cancel: Takes(TransferRules.Cancel(state, agentId)));
    }

    private static bool Takes(Decision decision) => decision.Outcome == CommandOutcome.Accepted && !decision.Effects.IsEmpty;
}
