namespace WarmTransfer.Grains.Agents;

/// <summary>An agent's presence and the conference it is in now.</summary>
[GenerateSerializer, Immutable, Alias("AgentView")]
public sealed record AgentView(
    [property: Id(0)] string AgentId,
    [property: Id(1)] AgentPresence Presence,
    [property: Id(2)] string? CurrentConferenceId,
    [property: Id(3)] DateTimeOffset PresenceSince);
