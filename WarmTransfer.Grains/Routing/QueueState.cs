using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>What a queue grain persists in its own record: every agent's presence. The line is kept apart, in <see cref="LineBuckets"/>.</summary>
[GenerateSerializer, Immutable, Alias("QueueState")]
public sealed record QueueState
{
    [Id(0)] public ImmutableDictionary<string, RosterEntry> Agents { get; init; } = ImmutableDictionary<string, RosterEntry>.Empty;

    /// <summary>The whole line as versions before the buckets stored it; moved into the buckets when read.</summary>
    [Id(1)] public ImmutableList<WaitingCaller> Line { get; init; } = [];
}
