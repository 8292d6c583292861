using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// What versions before the buckets stored in the queue's own record: the roster and the line, whole. Read once when the
/// queue activates and moved into the buckets (<see cref="LineBuckets"/>, roster records); now left empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("QueueState")]
public sealed record QueueState
{
    [Id(0)] public ImmutableDictionary<string, RosterEntry> Agents { get; init; } = ImmutableDictionary<string, RosterEntry>.Empty;

    /// <summary>The whole line as versions before the buckets stored it; moved into the buckets when read.</summary>
    [Id(1)] public ImmutableList<WaitingCaller> Line { get; init; } = [];
}
