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

    /// <summary>The caller waits in their own conference (wait music until an agent starts it) and ends it when they leave.</summary>
    public static VoiceResponse CallerJoins(CallerAdmission admission, CallbackUrls urls) =>
        admission.Admitted
            ? JoinConference(admission.ConferenceName, urls, startConferenceOnEnter: false, endConferenceOnExit: true, label: "caller", waitUrl: urls.Wait)
            : Goodbye(admission.Message ?? SorryMessage);

    public static VoiceResponse AgentJoins(AgentConnection connection, string agentId, CallbackUrls urls) =>
        connection.Join
            ? JoinConference(connection.ConferenceName, urls, startConferenceOnEnter: true, connection.EndConferenceOnExit, label: $"agent:{agentId}", waitUrl: null)
            : Goodbye(connection.Message ?? CallerRules.LegCancelledMessage);

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
