using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>One stored slice of the line: the waiting callers whose conference id hashes to it, in no particular order.</summary>
[GenerateSerializer, Immutable, Alias("LineBucket")]
public sealed record LineBucket
{
    [Id(0)] public ImmutableList<WaitingCaller> Callers { get; init; } = [];
}
