namespace WarmTransfer.Grains.Conferences;

/// <summary>What an answering agent leg does: join the conference (with its end-on-exit flag), or hear Message and hang up.</summary>
[GenerateSerializer, Immutable, Alias("AgentConnection")]
public sealed record AgentConnection(
    [property: Id(0)] bool Join,
    [property: Id(1)] string ConferenceName,
    [property: Id(2)] bool EndConferenceOnExit,
    [property: Id(3)] string? Message);
