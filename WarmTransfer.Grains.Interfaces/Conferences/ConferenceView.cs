using System.Collections.Immutable;

namespace WarmTransfer.Grains.Conferences;

/// <summary>What is known of one caller's conference, and what each agent on it may do.</summary>
[GenerateSerializer, Immutable, Alias("ConferenceView")]
public sealed record ConferenceView(
    [property: Id(0)] string ConferenceId,
    [property: Id(1)] string? ConferenceSid,
    [property: Id(2)] ConferencePhase Phase,
    [property: Id(3)] string? CallerNumber,
    [property: Id(4)] string? HandlingAgentId,
    [property: Id(5)] TransferView? Transfer,
    [property: Id(6)] ImmutableArray<ParticipantView> Participants,
    [property: Id(7)] DateTimeOffset? StartedAt,
    [property: Id(8)] DateTimeOffset? ConnectedAt,
    [property: Id(9)] DateTimeOffset? EndedAt,
    [property: Id(10)] string? EndReason)
{
    [Id(11)] public ImmutableArray<AgentActions> Actions { get; init; } = [];

    /// <summary>Higher for a later state of the same call: pushes to agents are one-way and may arrive out of order.</summary>
    [Id(12)] public long Revision { get; init; }
}
