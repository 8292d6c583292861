using static WarmTransfer.Grains.Conferences.ConferenceEffect;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What a failed effect means for the call (Twilio refused it, or could not be reached after the transient retries).
/// Where the caller's safety depends on the change, the step that needed it is undone; any other hold or end-on-exit
/// change stays wanted and reconciliation asks again; a hang-up that failed is checked by the watchdog.
/// </summary>
public static class EffectFailureRules
{
    public static Decision Apply(ConferenceState state, ConferenceEffect effect, string reason) => effect switch
    {
        SetEndConferenceOnExit { EndConferenceOnExit: false } clear when IsTransfererOfPreparingTransfer(state, clear.CallSid) =>
            TransferRules.AbandonPreparation(state, reason),
        SetEndConferenceOnExit { EndConferenceOnExit: true } set when state.Transfer is { Completing: true } transfer && transfer.TargetCallSid == set.CallSid =>
            TransferRules.CompletionFailed(state, reason),
        SetEndConferenceOnExit { EndConferenceOnExit: true } set when state.CallerReturning && state.HandlingAgentId is { } handler
            && state.LiveLegOf(handler)?.CallSid == set.CallSid =>
            ConferenceMoves.TransfererLost(state, reason),
        _ => Decision.Unchanged(state),
    };

    private static bool IsTransfererOfPreparingTransfer(ConferenceState state, string callSid) =>
        state is { Phase: ConferencePhase.Transferring, Transfer: { TargetDialled: false, TransfererGone: false } transfer }
        && state.LiveLegOf(transfer.TransfererId)?.CallSid == callSid;
}
