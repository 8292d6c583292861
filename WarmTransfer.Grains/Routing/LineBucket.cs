using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>One record of the line as <see cref="LineBuckets"/> stored it, read to move its callers into pages.</summary>
[GenerateSerializer, Immutable, Alias("LineBucket")]
public sealed record LineBucket
{
    /// <summary>Where records stored before the callers moved into an array (<see cref="Waiting"/>) keep them.</summary>
    [Id(0)] public ImmutableList<WaitingCaller> ListedBefore { get; init; } = [];

    [Id(1)] public ImmutableArray<WaitingCaller> Waiting { get; init; } = [];

    public IEnumerable<WaitingCaller> Callers => ListedBefore.Concat(Waiting);
}
