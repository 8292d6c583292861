using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The queue's own record. What versions before the buckets stored in it, the roster and the line whole, is read once when
/// the queue activates and moved into the roster's records and the line's pages; <see cref="LineInPages"/> then says that
/// no line stored the old ways is left to read.
/// </summary>
[GenerateSerializer, Immutable, Alias("QueueState")]
public sealed record QueueState
{
    [Id(0)] public ImmutableDictionary<string, RosterEntry> Agents { get; init; } = ImmutableDictionary<string, RosterEntry>.Empty;

    /// <summary>The whole line as versions before the buckets stored it; moved into the buckets when read.</summary>
    [Id(1)] public ImmutableList<WaitingCaller> Line { get; init; } = [];

    /// <summary>The line is in <see cref="LinePages"/> only: neither here nor in the <see cref="LineBuckets"/> of versions before.</summary>
    [Id(2)] public bool LineInPages { get; init; }
}
