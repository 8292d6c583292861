namespace WarmTransfer.Grains.Conferences;

/// <summary>Twilio's call statuses, in the order a call can move through them.</summary>
[GenerateSerializer, Alias("CallStatus")]
public enum CallStatus
{
    Queued = 0,
    Initiated = 1,
    Ringing = 2,
    InProgress = 3,
    Completed = 4,
    Busy = 5,
    NoAnswer = 6,
    Failed = 7,
    Canceled = 8,
}
