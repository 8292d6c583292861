using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>What a change of a conference's state did to its transfer, for the transfer counters.</summary>
public sealed record TransferOutcome(bool Started, bool Completed, string? FailureReason)
{
    public static readonly TransferOutcome None = new(false, false, null);

    public static TransferOutcome Between(ConferenceState before, ConferenceState after, ConferenceInput? input)
    {
        if (before.Transfer is null)
        {
            return after.Transfer is null ? None : new TransferOutcome(true, false, null);
        }

        if (after.Transfer is not null)
        {
            return None;
        }

        var transfer = before.Transfer;
        if (after.HandlingAgentId == transfer.TargetId)
        {
            return new TransferOutcome(false, true, null);
        }

        var target = transfer.TargetCallSid is { } sid ? after.Leg(sid) : null;
        var reason = (after.Phase, input, target) switch
        {
            (ConferencePhase.Ended, _, _) => "call_ended",
            (_, ConferenceInput.CancelTransfer, _) => "cancelled",
            (_, _, null) => "not_started",
            (_, _, { CallOver: true, LastCallStatus: CallStatus.NoAnswer }) => "no_answer",
            (_, _, { CallOver: true, LastCallStatus: CallStatus.Busy }) => "busy",
            (_, _, { CallOver: true, LastCallStatus: CallStatus.Failed or CallStatus.Canceled }) => "unreachable",
            (_, _, { CallOver: true }) => "target_hung_up",
            _ when after.HandlingAgentId is null => "transferer_gone",
            _ => "other",
        };
        return new TransferOutcome(false, false, reason);
    }
}
