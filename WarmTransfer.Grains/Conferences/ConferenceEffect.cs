using WarmTransfer.Grains.Agents;

namespace WarmTransfer.Grains.Conferences;

/// <summary>What the rules ask the grain to do outside itself, in order. Some report back with a <see cref="ConferenceInput"/>.</summary>
public abstract record ConferenceEffect
{
    private ConferenceEffect() { }

    /// <summary>Get the caller an agent from the queue (reports AgentReserved or NoAgentFree; the caller then waits in line).</summary>
    public sealed record AcquireAgent : ConferenceEffect;

    /// <summary>Reserve the named target, or any available agent but the transferer (reports TransferTargetReserved or TransferTargetRefused).</summary>
    public sealed record ReserveTransferTarget(string TransfererId, string? TargetId) : ConferenceEffect;

    /// <summary>Ring an agent's browser; its answered leg asks our connect route how to join (reports AgentLegPlaced or AgentLegNotPlaced).</summary>
    public sealed record DialAgent(string AgentId, ParticipantRole Role) : ConferenceEffect;

    public sealed record HangUpLeg(string CallSid) : ConferenceEffect;

    public sealed record SetHold(string CallSid, bool Hold) : ConferenceEffect;

    public sealed record SetEndConferenceOnExit(string CallSid, bool EndConferenceOnExit) : ConferenceEffect;

    public sealed record ReleaseAgent(string AgentId, AgentCallOutcome Outcome) : ConferenceEffect;

    public sealed record MarkAgentJoined(string AgentId) : ConferenceEffect;

    public sealed record NotifyAgent(string AgentId, string Message) : ConferenceEffect;

    public sealed record WithdrawFromQueue : ConferenceEffect;
}
