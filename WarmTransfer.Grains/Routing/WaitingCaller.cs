namespace WarmTransfer.Grains.Routing;

/// <summary>A caller in line. Arrival orders callers who began waiting at the same instant (first come, first served).</summary>
[GenerateSerializer, Immutable, Alias("WaitingCaller")]
public sealed record WaitingCaller(
    [property: Id(0)] string ConferenceId,
    [property: Id(1)] DateTimeOffset WaitingSince,
    [property: Id(2)] long Arrival = 0);
