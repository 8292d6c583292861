namespace WarmTransfer.Grains.Conferences;

/// <summary>A call status callback for one of the legs we placed.</summary>
[GenerateSerializer, Immutable, Alias("CallStatusReport")]
public sealed record CallStatusReport(
    [property: Id(0)] string CallSid,
    [property: Id(1)] CallStatus Status);
