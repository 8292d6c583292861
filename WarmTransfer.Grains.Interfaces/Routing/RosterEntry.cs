using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Routing;

/// <summary>One agent as the router sees it. Never shared or cyclic, so its references are not tracked (see WaitingCaller).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("RosterEntry")]
public sealed record RosterEntry(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] DateTimeOffset Since);
