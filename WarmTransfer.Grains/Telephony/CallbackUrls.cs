namespace WarmTransfer.Grains.Telephony;

/// <summary>The URLs Twilio calls back on, all under the public base URL Twilio reaches us at.</summary>
public sealed class CallbackUrls(Uri publicBaseUrl)
{
    private readonly string _base = publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public Uri Wait => At("/conference/wait");

    public Uri Hold => At("/conference/hold");

    /// <summary>Where a waiting caller's call goes when their &lt;Dial&gt; ends; attempt counts the returns so far.</summary>
    public Uri CallerReturn(string conferenceId, int attempt) => At($"/conference/{conferenceId}/return?attempt={attempt}");

    public Uri ConferenceEvents(string conferenceId) => At($"/conference/{conferenceId}/events");

    public Uri ConnectAgent(string conferenceId, string agentId) => At($"/conference/{conferenceId}/connect/{agentId}");

    public Uri AgentCallStatus(string conferenceId, string agentId) => At($"/conference/{conferenceId}/calls/{agentId}/status");

    /// <summary>The exact URL Twilio signs for a request that reached us at this path and query.</summary>
    public Uri At(string pathAndQuery) => new(_base + pathAndQuery);
}
