namespace WarmTransfer.Grains.Conferences;

/// <summary>Everything that can happen to a conference: Twilio's webhooks, agents' commands, and the results of our own effects.</summary>
public abstract record ConferenceInput
{
    private ConferenceInput() { }

    // From Twilio.
    public sealed record CallerArrived(IncomingCall Call) : ConferenceInput;
    public sealed record AgentAnswered(string AgentId, string CallSid) : ConferenceInput;
    public sealed record ConferenceEventReceived(ConferenceEvent Event) : ConferenceInput;
    public sealed record CallStatusReceived(CallStatusReport Report) : ConferenceInput;

    // From the router or our own timer.
    public sealed record AgentMayBeAvailable : ConferenceInput;

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
}
