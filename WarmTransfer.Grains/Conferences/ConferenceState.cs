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

    /// <summary>Effects decided and not yet carried out, in order: stored with the state that decided them, so they survive a lost activation.</summary>
    [Id(12)] public ImmutableList<ConferenceEffect> Outbox { get; init; } = [];

    /// <summary>Conferences the caller has left while still on the line (a failed wait fetch): their late callbacks change nothing.</summary>
    [Id(13)] public ImmutableList<string> PastConferenceSids { get; init; } = [];

    /// <summary>
    /// A failed transfer gives the caller back to the transferer: the caller stays on hold until Twilio confirms the
    /// transferer ends the conference again, which also proves they are still in it (their leave may have been lost).
    /// </summary>
    [Id(15)] public bool CallerReturning { get; init; }

    /// <summary>Counts the changes of this call (set by its grain, not the rules), so an agent told of it out of order keeps the newest view.</summary>
    [Id(16)] public long Revision { get; init; }

    public Participant? Caller => CallerCallSid is { } sid ? Leg(sid) : null;

    public Participant? Leg(string callSid) => Participants.Find(p => p.CallSid == callSid);

    /// <summary>The agent's leg that is still up, if any (an agent can come back to a conference on a new leg).</summary>
    public Participant? LiveLegOf(string agentId) =>
        Participants.Find(p => p.AgentId == agentId && p.IsLive);

    /// <summary>Legs whose call Twilio has not yet reported over (ringing, talking, or hung up by us and not yet confirmed).</summary>
    public IEnumerable<Participant> LegsNotOver => Participants.Where(p => !p.CallOver);

    /// <summary>Whether a callback or a read about this ConferenceSid concerns the call now: not a conference the caller left, nor another.</summary>
    public bool IsAbout(string conferenceSid) =>
        !PastConferenceSids.Contains(conferenceSid) && (ConferenceSid is null || ConferenceSid == conferenceSid);

    public Participant? TargetLeg => Transfer?.TargetCallSid is { } sid ? Leg(sid) : null;

    public ConferenceState With(Participant participant) =>
        this with
        {
            Participants = Participants.FindIndex(p => p.CallSid == participant.CallSid) is var index and >= 0
                ? Participants.SetItem(index, participant)
                : Participants.Add(participant),
        };

    public ConferenceView ToView(string conferenceId)
    {
        ImmutableArray<ParticipantView> participants = [.. Participants.Select(p => p.ToView(p.Role == ParticipantRole.Caller && CallerHoldRequested))];
        return new(conferenceId, ConferenceSid, Phase, CallerNumber, HandlingAgentId, Transfer?.ToView(), participants, StartedAt, ConnectedAt, EndedAt, EndReason)
        {
            Actions = AllowedActions.Of(this, participants),
            Revision = Revision,
        };
    }
}
