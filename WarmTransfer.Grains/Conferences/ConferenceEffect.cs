using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Conferences;

/// <summary>
/// What the rules ask the grain to do outside itself, in order. Stored with the state that decided them (the outbox) until
/// carried out. Each reports back with a <see cref="ConferenceInput"/>: its result, or <see cref="ConferenceInput.EffectFailed"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ConferenceEffect")]
public abstract record ConferenceEffect
{
    private ConferenceEffect() { }

    /// <summary>Get the caller an agent from the queue (reports AgentReserved or NoAgentFree; the caller then waits in line).</summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.AcquireAgent")]
    public sealed record AcquireAgent : ConferenceEffect;

    /// <summary>Reserve the named target, or any available agent but the transferer (reports TransferTargetReserved or TransferTargetRefused).</summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.ReserveTransferTarget")]
    public sealed record ReserveTransferTarget([property: Id(0)] string TransfererId, [property: Id(1)] string? TargetId) : ConferenceEffect;

    /// <summary>
    /// Ring an agent's browser; its answered leg asks our connect route how to join (reports AgentLegPlaced or AgentLegNotPlaced).
    /// <paramref name="AttemptedAt"/> is stored before the call is placed: an effect found with it set may have been placed by an
    /// activation that died before storing the answer, so Twilio is asked first.
    /// </summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.DialAgent")]
    public sealed record DialAgent([property: Id(0)] string AgentId, [property: Id(1)] ParticipantRole Role, [property: Id(2)] DateTimeOffset? AttemptedAt = null)
        : ConferenceEffect;

    [GenerateSerializer, Immutable, Alias("ConferenceEffect.HangUpLeg")]
    public sealed record HangUpLeg([property: Id(0)] string CallSid) : ConferenceEffect;

    /// <summary>Reports what Twilio answered (ParticipantObserved).</summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.SetHold")]
    public sealed record SetHold([property: Id(0)] string CallSid, [property: Id(1)] bool Hold) : ConferenceEffect;

    /// <summary>Reports what Twilio answered (ParticipantObserved).</summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.SetEndConferenceOnExit")]
    public sealed record SetEndConferenceOnExit([property: Id(0)] string CallSid, [property: Id(1)] bool EndConferenceOnExit) : ConferenceEffect;

    /// <summary>Ask Twilio's REST API for a call's status (reports CallStatusReceived).</summary>
    [GenerateSerializer, Immutable, Alias("ConferenceEffect.CheckCall")]
    public sealed record CheckCall([property: Id(0)] string CallSid) : ConferenceEffect;

    [GenerateSerializer, Immutable, Alias("ConferenceEffect.ReleaseAgent")]
    public sealed record ReleaseAgent([property: Id(0)] string AgentId, [property: Id(1)] AgentCallOutcome Outcome) : ConferenceEffect;

    [GenerateSerializer, Immutable, Alias("ConferenceEffect.MarkAgentJoined")]
    public sealed record MarkAgentJoined([property: Id(0)] string AgentId) : ConferenceEffect;

    [GenerateSerializer, Immutable, Alias("ConferenceEffect.NotifyAgent")]
    public sealed record NotifyAgent([property: Id(0)] string AgentId, [property: Id(1)] string Message) : ConferenceEffect;

    [GenerateSerializer, Immutable, Alias("ConferenceEffect.WithdrawFromQueue")]
    public sealed record WithdrawFromQueue : ConferenceEffect;
}
