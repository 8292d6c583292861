namespace WarmTransfer.Grains.Conferences;

/// <summary>One call leg in a conference.</summary>
[GenerateSerializer, Immutable, Alias("ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] string CallSid,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] ParticipantState State,
    [property: Id(4)] bool OnHold,
    [property: Id(5)] bool EndConferenceOnExit);
