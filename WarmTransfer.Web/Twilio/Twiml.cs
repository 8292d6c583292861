using Twilio.TwiML;
using Twilio.TwiML.Voice;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;
using HttpMethod = Twilio.Http.HttpMethod;

namespace WarmTransfer.Web.Twilio;

/// <summary>The TwiML we answer Twilio with, as pure functions so tests can read the XML.</summary>
public static class Twiml
{
    /// <summary>Fixed by the first participant (the caller), so only the caller's &lt;Conference&gt; really sets them.</summary>
    private static readonly Conference.EventEnum[] ConferenceEvents =
        [Conference.EventEnum.Start, Conference.EventEnum.End, Conference.EventEnum.Join, Conference.EventEnum.Leave, Conference.EventEnum.Hold, Conference.EventEnum.Modify];

    public const string SorryMessage = "Sorry, we cannot take your call right now. Please try again later.";

    /// <summary>How often a caller is put back after their &lt;Dial&gt; ended early before we give up.</summary>
    public const int MaxCallerReturns = 10;

    /// <summary>From this return on the caller waits without our wait URL (Twilio's default hold music), which a failing server cannot break.</summary>
    private const int ReturnsBeforeTwiliosWaitMusic = 2;

    private const int MaxLabelAgentIdLength = 80;

    /// <summary>
    /// The caller waits in their own conference (wait music until an agent starts it) and ends it when they leave.
    /// If Twilio cannot fetch the wait URL, the conference "will not be fully established" and the caller is
    /// disconnected unless TwiML follows the &lt;Dial&gt; (Twilio's &lt;Conference&gt; docs, waitUrl): the &lt;Redirect&gt; after it
    /// asks us whether to put them back (they still wait) or let the call end (an agent had them and the conference ended).
    /// </summary>
    public static VoiceResponse CallerJoins(CallerAdmission admission, CallbackUrls urls, int returns = 0)
    {
        if (!admission.Admitted)
        {
            return Goodbye(admission.Message ?? SorryMessage);
        }

        var waitUrl = returns < ReturnsBeforeTwiliosWaitMusic ? urls.Wait : null;
        return JoinConference(admission.ConferenceName, urls, startConferenceOnEnter: false, endConferenceOnExit: true, label: "caller", waitUrl)
            .Redirect(urls.CallerReturn(admission.ConferenceName, returns + 1), HttpMethod.Post);
    }

    /// <summary>The caller's conference ended on purpose (or they came back too often): the call ends.</summary>
    public static VoiceResponse CallerLeaves() => new VoiceResponse().Hangup();

    /// <summary>The label names the agent and the leg: a label must be unique in the conference (error 16025 keeps a repeated one out), and an agent may come back on a new leg.</summary>
    public static VoiceResponse AgentJoins(AgentConnection connection, string agentId, string callSid, CallbackUrls urls) =>
        connection.Join
            ? JoinConference(connection.ConferenceName, urls, startConferenceOnEnter: true, connection.EndConferenceOnExit, label: AgentLabel(agentId, callSid), waitUrl: null)
            : Goodbye(connection.Message ?? AdmissionRules.LegCancelledMessage);

    /// <summary>At most 80 + 1 + 34 characters, inside Twilio's 128 for participantLabel.</summary>
    public static string AgentLabel(string agentId, string callSid) =>
        $"{(agentId.Length > MaxLabelAgentIdLength ? agentId[..MaxLabelAgentIdLength] : agentId)}:{callSid}";

    /// <summary>Waiting for an agent. The music loops forever: a wait URL that runs out leaves the caller in silence.</summary>
    public static VoiceResponse Wait(WarmTransferOptions options) =>
        new VoiceResponse().Say(options.WaitMessage).Play(options.HoldMusicUrl, loop: 0);

    public static VoiceResponse Hold(WarmTransferOptions options) => new VoiceResponse().Play(options.HoldMusicUrl, loop: 0);

    public static VoiceResponse Goodbye(string message) => new VoiceResponse().Say(message).Hangup();

    private static VoiceResponse JoinConference(string name, CallbackUrls urls, bool startConferenceOnEnter, bool endConferenceOnExit, string label, Uri? waitUrl)
    {
        var dial = new Dial().Conference(
            name,
            beep: Conference.BeepEnum.False,
            startConferenceOnEnter: startConferenceOnEnter,
            endConferenceOnExit: endConferenceOnExit,
            waitUrl: waitUrl,
            waitMethod: waitUrl is null ? null : HttpMethod.Post,
            statusCallbackEvent: ConferenceEvents,
            statusCallback: urls.ConferenceEvents(name),
            statusCallbackMethod: HttpMethod.Post,
            participantLabel: label);
        return new VoiceResponse().Append(dial);
    }
}
