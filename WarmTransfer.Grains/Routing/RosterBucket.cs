using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>One stored slice of the roster: the agents whose id hashes to it.</summary>
[GenerateSerializer, Immutable, Alias("RosterBucket")]
public sealed record RosterBucket
{
    public static readonly RosterBucket Empty = new();

    [Id(0)] public ImmutableDictionary<string, RosterEntry> Agents { get; init; } = ImmutableDictionary<string, RosterEntry>.Empty;
}
