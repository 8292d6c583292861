namespace WarmTransfer.Grains.Routing;

[GenerateSerializer, Immutable, Alias("WaitingCaller")]
public sealed record WaitingCaller(
    [property: Id(0)] string ConferenceId,
    [property: Id(1)] DateTimeOffset WaitingSince);
