namespace WarmTransfer.Grains.Conferences;

/// <summary>Twilio's voice webhook for a caller dialling our number.</summary>
[GenerateSerializer, Immutable, Alias("IncomingCall")]
public sealed record IncomingCall(
    [property: Id(0)] string CallSid,
    [property: Id(1)] string? From,
    [property: Id(2)] string? To);
