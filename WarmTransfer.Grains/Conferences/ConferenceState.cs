using System.Collections.Immutable;

namespace WarmTransfer.Grains.Conferences;

/// <summary>Everything a conference grain persists. Changed only by <see cref="ConferenceRules"/>.</summary>
[GenerateSerializer, Immutable, Alias("ConferenceState")]
public sealed record ConferenceState
{
    [Id(0)] public ConferencePhase Phase { get; init; }
    [Id(1)] public string? ConferenceSid { get; init; }
    [Id(2)] public string? CallerCallSid { get; init; }
    [Id(3)] public string? CallerNumber { get; init; }
    [Id(4)] public string? HandlingAgentId { get; init; }
    [Id(5)] public TransferState? Transfer { get; init; }
    /// <summary>Legs in the order they were placed; a handful at most, so a list beats a dictionary.</summary>
    [Id(6)] public ImmutableList<Participant> Participants { get; init; } = [];

    /// <summary>The hold we last asked Twilio for on the caller (ours, unlike a participant's reported OnHold, never races a callback).</summary>
    [Id(7)] public bool CallerHoldRequested { get; init; }
    [Id(8)] public DateTimeOffset? StartedAt { get; init; }
    [Id(9)] public DateTimeOffset? ConnectedAt { get; init; }
    [Id(10)] public DateTimeOffset? EndedAt { get; init; }
    [Id(11)] public string? EndReason { get; init; }

    public Participant? Caller => CallerCallSid is { } sid ? Leg(sid) : null;

    public Participant? Leg(string callSid) => Participants.Find(p => p.CallSid == callSid);

    /// <summary>The agent's leg that is still up, if any (an agent can come back to a conference on a new leg).</summary>
    public Participant? LiveLegOf(string agentId) =>
        Participants.Find(p => p.AgentId == agentId && p.IsLive);

    public Participant? TargetLeg => Transfer?.TargetCallSid is { } sid ? Leg(sid) : null;

    public ConferenceState With(Participant participant) =>
        this with
        {
            Participants = Participants.FindIndex(p => p.CallSid == participant.CallSid) is var index and >= 0
                ? Participants.SetItem(index, participant)
                : Participants.Add(participant),
        };

    public ConferenceView ToView(string conferenceId) => new(
        conferenceId,
        ConferenceSid,
        Phase,
        CallerNumber,
        HandlingAgentId,
        Transfer?.ToView(),
        [.. Participants.Select(p => p.ToView())],
        StartedAt,
        ConnectedAt,
        EndedAt,
        EndReason);
}
