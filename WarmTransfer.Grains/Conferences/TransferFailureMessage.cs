namespace WarmTransfer.Grains.Conferences;

/// <summary>What a transferer is told when the target does not take the call.</summary>
public static class TransferFailureMessage
{
    public static string For(string targetId, CallStatus status, bool answered) => status switch
    {
        _ when answered => $"{targetId} hung up before the transfer completed.",
        CallStatus.NoAnswer => $"{targetId} did not answer.",
        CallStatus.Busy => $"{targetId} declined the call.",
        CallStatus.Failed => $"{targetId} could not be reached.",
        CallStatus.Canceled => $"The call to {targetId} was cancelled.",
        _ => $"{targetId} hung up.",
    };
}
