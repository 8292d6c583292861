namespace WarmTransfer.Grains.Conferences;

/// <summary>One call leg as the conference grain keeps it.</summary>
[GenerateSerializer, Immutable, Alias("Participant")]
public sealed record Participant(
    [property: Id(0)] string CallSid,
    [property: Id(1)] ParticipantRole Role,
    [property: Id(2)] string? AgentId,
    [property: Id(3)] ParticipantState State,
    [property: Id(4)] bool OnHold,
    [property: Id(5)] bool EndConferenceOnExit,
    [property: Id(6)] CallStatus LastCallStatus,
    [property: Id(7)] int LastSequenceNumber)
{
    public bool IsLive => State < ParticipantState.Left;

    public bool HasAnswered => State >= ParticipantState.Connecting && State != ParticipantState.Failed;

    /// <summary>The leg is over: Left if it had answered, Failed if it never did.</summary>
    public Participant Ended() => IsLive
        ? this with { State = HasAnswered ? ParticipantState.Left : ParticipantState.Failed, OnHold = false }
        : this;

    public ParticipantView ToView() => new(CallSid, Role, AgentId, State, OnHold, EndConferenceOnExit);
}
