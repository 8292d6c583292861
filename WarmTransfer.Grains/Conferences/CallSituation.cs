using System.Collections.Immutable;

namespace WarmTransfer.Grains.Conferences;

/// <summary>One line on what is going on in the call, from one agent's point of view; the console shows it as it is.</summary>
public static class CallSituation
{
    public static string For(ConferenceState state, string agentId, ImmutableArray<ParticipantView> participants)
    {
        var transfer = state.Transfer;
        var other = transfer is null ? null : transfer.TransfererId == agentId ? transfer.TargetId : transfer.TransfererId;
        return state.Phase switch
        {
            ConferencePhase.Connected => participants.Any(p => p.Role == ParticipantRole.Caller && p.OnHold)
                ? "The caller is on hold."
                : "Talking with the caller.",
            ConferencePhase.Transferring when transfer?.TransfererId == agentId => $"Calling {other}… the caller is on hold.",
            ConferencePhase.Consulting => $"Consulting {other}; the caller is on hold.",
            ConferencePhase.ThreeWay => "Three-way call: everyone hears everyone.",
            ConferencePhase.Ended => "The call has ended.",
            _ => "Connecting…",
        };
    }
}
