using System.Collections.Immutable;

namespace WarmTransfer.Grains.Routing;

/// <summary>The agents a queue knows and the callers waiting in it, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("QueueView")]
public sealed record QueueView(
    [property: Id(0)] ImmutableArray<RosterEntry> Agents,
    [property: Id(1)] ImmutableArray<string> WaitingConferences);
