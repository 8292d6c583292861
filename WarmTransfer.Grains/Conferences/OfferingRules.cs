using WarmTransfer.Grains.Agents;
using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>Offering a queued caller to an agent: reserving one, placing their leg, and what happens when it cannot be placed.</summary>
public static class OfferingRules
{
    /// <summary>
    /// A caller no longer waiting leaves the line when nudged: a withdrawal lost with a silo would otherwise leave them at its
    /// head, and the queue offers agents to the head only.
    /// </summary>
    public static Decision AgentMayBeAvailable(ConferenceState state) => state.Phase == ConferencePhase.Queued
        ? new Decision(state, [new AcquireAgent()])
        : new Decision(state, [new WithdrawFromQueue()]);

    public static Decision AgentReserved(ConferenceState state, string agentId) => state.Phase == ConferencePhase.Queued
        ? new Decision(state with { Phase = ConferencePhase.Offering }, [new DialAgent(agentId, ParticipantRole.HandlingAgent)])
        : new Decision(state, [new ReleaseAgent(agentId, AgentCallOutcome.Finished)]);

    public static Decision LegPlaced(ConferenceState state, string agentId, ParticipantRole role, string callSid)
    {
        var leg = new Participant(callSid, role, agentId, ParticipantState.Dialing,
            OnHold: false, EndConferenceOnExit: false, CallStatus.Queued, LastSequenceNumber: 0);
        if (state.Phase == ConferencePhase.Ended)
        {
            return new Decision(state.With(leg.Ended()), [new HangUpLeg(callSid), new ReleaseAgent(agentId, AgentCallOutcome.Finished)]);
        }

        var placed = state.With(leg);
        if (role == ParticipantRole.TransferTarget && state.Transfer is { TargetCallSid: null } transfer && transfer.TargetId == agentId)
        {
            placed = placed with { Transfer = transfer with { TargetCallSid = callSid } };
        }

        return Decision.Unchanged(placed);
    }

    /// <summary>
    /// Twilio refused to ring the agent. That is not the agent's fault, so they stay available; the caller asks the
    /// queue again at once, back in its place in line (it withdrew when the agent was reserved, and a caller out of
    /// line is never told of a free agent). The agent just released has been idle the shortest, so any other available
    /// agent is offered first.
    /// </summary>
    public static Decision LegNotPlaced(ConferenceState state, string agentId, ParticipantRole role, string reason)
    {
        var release = new ReleaseAgent(agentId, AgentCallOutcome.Finished);
        if (role == ParticipantRole.HandlingAgent && state.Phase == ConferencePhase.Offering)
        {
            return new Decision(state with { Phase = ConferencePhase.Queued }, [release, new AcquireAgent()]);
        }

        if (role == ParticipantRole.TransferTarget && state.Transfer is { TargetCallSid: null } transfer && transfer.TargetId == agentId)
        {
            return new Decision(state, [release]).Then(s => ConferenceMoves.TargetGone(s, $"{agentId} could not be rung: {reason}"));
        }

        return new Decision(state, [release]);
    }
}
