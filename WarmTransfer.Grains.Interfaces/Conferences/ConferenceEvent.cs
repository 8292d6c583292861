namespace WarmTransfer.Grains.Conferences;

/// <summary>A conference status callback. Participant events carry CallSid; SequenceNumber orders events within a conference.</summary>
[GenerateSerializer, Immutable, Alias("ConferenceEvent")]
public sealed record ConferenceEvent(
    [property: Id(0)] ConferenceEventKind Kind,
    [property: Id(1)] string ConferenceSid,
    [property: Id(2)] int SequenceNumber,
    [property: Id(3)] string? CallSid,
    [property: Id(4)] bool? Hold,
    [property: Id(5)] bool? EndConferenceOnExit,
    [property: Id(6)] string? ReasonParticipantLeft);
