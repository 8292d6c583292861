namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// A caller talking with their agent, no effect left to carry out and no other leg up: nothing is due until Twilio calls
/// back, the agent acts or checks in, or the next reconciliation, and each of them brings the conference back from
/// storage. Its activation can then be let go, so a call at rest weighs what its stored state weighs.
/// </summary>
public static class SettledTalking
{
    public static bool Holds(ConferenceState state) =>
        state.Phase == ConferencePhase.Connected
        && state.Outbox.IsEmpty
        && !state.CallerReturning
        && state.Caller is { State: ParticipantState.Joined, CallOver: false }
        && state.HandlingAgentId is { } agentId
        && state.LiveLegOf(agentId) is { State: ParticipantState.Joined }
        && state.Participants.All(p => p.CallOver || p.State == ParticipantState.Joined);
}
