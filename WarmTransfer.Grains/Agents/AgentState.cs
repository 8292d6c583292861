namespace WarmTransfer.Grains.Agents;

/// <summary>What an agent grain persists: the presence the agent chose and the conference it is in.</summary>
[GenerateSerializer, Immutable, Alias("AgentState")]
public sealed record AgentState
{
    /// <summary>Available, away or offline: what the agent chose, and returns to after a call.</summary>
    [Id(0)] public AgentPresence Chosen { get; init; } = AgentPresence.Offline;
    [Id(1)] public string? CurrentConferenceId { get; init; }
    [Id(2)] public bool Joined { get; init; }
    [Id(3)] public DateTimeOffset PresenceSince { get; init; }

    public AgentPresence Presence => CurrentConferenceId is null ? Chosen
        : Joined ? AgentPresence.OnCall
        : AgentPresence.Ringing;
}
