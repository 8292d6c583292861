namespace WarmTransfer.Grains.Routing;

/// <summary>
/// A caller in line. Arrival orders callers who began waiting at the same instant (first come, first served).
/// A stored record holds tens of callers, none shared or cyclic: tracking each one's reference would cost the serializer a
/// scan of those already written (and past 64, a dictionary) on every write of the record.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("WaitingCaller")]
public sealed record WaitingCaller(
    [property: Id(0)] string ConferenceId,
    [property: Id(1)] DateTimeOffset WaitingSince,
    [property: Id(2)] long Arrival = 0);
