namespace WarmTransfer.Tests.Support;

/// <summary>What a grain asked the telephone network to do.</summary>
public abstract record TelephonyRequest
{
    private TelephonyRequest() { }

    public sealed record Dial(string ConferenceId, string AgentId, string CallSid) : TelephonyRequest;
    public sealed record HangUp(string CallSid) : TelephonyRequest;
    public sealed record Hold(string ConferenceSid, string CallSid, bool OnHold) : TelephonyRequest;
    public sealed record EndConferenceOnExit(string ConferenceSid, string CallSid, bool Value) : TelephonyRequest;
    public sealed record FetchCall(string CallSid) : TelephonyRequest;
    public sealed record FindConference(string FriendlyName) : TelephonyRequest;
    public sealed record FindAgentCall(string AgentId) : TelephonyRequest;
    public sealed record ListParticipants(string ConferenceSid) : TelephonyRequest;
}
