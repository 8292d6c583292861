namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// A caller who only waits in line, with every callback of their arrival in: nothing is due until the queue says an agent
/// may be free or Twilio calls back (their hang-up), and either brings the conference back from storage. Its activation
/// can then be let go, so 100,000 waiting callers weigh what their stored state weighs, not 100,000 activations.
/// </summary>
public static class SettledInLine
{
    public static bool Holds(ConferenceState state) =>
        state.Phase == ConferencePhase.Queued
        && state.Outbox.IsEmpty
        && state.Caller is { State: ParticipantState.Joined, CallOver: false }
        && state.Participants.All(p => p.Role == ParticipantRole.Caller || p.CallOver);
}
