namespace WarmTransfer.Grains.Conferences;

/// <summary>Everything that can happen to a conference: Twilio's webhooks, agents' commands, and the results of our own effects.</summary>
public abstract record ConferenceInput
{
    private ConferenceInput() { }

    // From Twilio.
    public sealed record CallerArrived(IncomingCall Call) : ConferenceInput;
    /// <summary>The caller's &lt;Dial&gt; ended while they still wait (e.g. Twilio could not fetch the wait URL): they come back into the conference.</summary>
    public sealed record CallerReturned : ConferenceInput;
    public sealed record AgentAnswered(string AgentId, string CallSid) : ConferenceInput;
    public sealed record ConferenceEventReceived(ConferenceEvent Event) : ConferenceInput;
    public sealed record CallStatusReceived(CallStatusReport Report) : ConferenceInput;
    /// <summary>A participant as Twilio's REST API shows it (the answer to an update).</summary>
    public sealed record ParticipantObserved(ParticipantSnapshot Participant) : ConferenceInput;
    /// <summary>Every participant Twilio's REST API lists in the live conference (a reconciliation read).</summary>
    public sealed record ParticipantsListed(string ConferenceSid, IReadOnlyList<ParticipantSnapshot> Participants) : ConferenceInput;

    // From the router, an agent grain, or our own timers.
    public sealed record AgentMayBeAvailable : ConferenceInput;
    /// <summary>An agent grain that believes it is on this call asks whether it still is.</summary>
    public sealed record AgentCheckingIn(string AgentId) : ConferenceInput;

    // From agents.
    public sealed record StartTransfer(string AgentId, string? TargetAgentId) : ConferenceInput;
    public sealed record JoinThreeWay(string AgentId) : ConferenceInput;
    public sealed record CompleteTransfer(string AgentId) : ConferenceInput;
    public sealed record CancelTransfer(string AgentId) : ConferenceInput;
    public sealed record HoldCaller(string AgentId, bool Hold) : ConferenceInput;
    public sealed record HangUp(string AgentId) : ConferenceInput;

    // Results of effects.
    public sealed record AgentReserved(string AgentId) : ConferenceInput;
    public sealed record NoAgentFree : ConferenceInput;
    public sealed record TransferTargetReserved(string TransfererId, string TargetId) : ConferenceInput;
    public sealed record TransferTargetRefused(string Reason) : ConferenceInput;
    public sealed record AgentLegPlaced(string AgentId, ParticipantRole Role, string CallSid) : ConferenceInput;
    public sealed record AgentLegNotPlaced(string AgentId, ParticipantRole Role, string Reason) : ConferenceInput;
    public sealed record ConferenceSidFound(string ConferenceSid) : ConferenceInput;
    /// <summary>Twilio refused or could not be reached (after the transient retries): the rules decide what keeps the caller safe.</summary>
    public sealed record EffectFailed(ConferenceEffect Effect, string Reason) : ConferenceInput;
}
