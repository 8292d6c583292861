using System.Globalization;

namespace WarmTransfer.TwilioEmulator;

/// <summary>The forms Twilio posts: call-progress status callbacks, conference events, and the call parameters every request carries.</summary>
internal sealed partial class TelephoneNetwork
{
    private void SendCallStatus(FakeCall call, string statusEvent)
    {
        if (call.StatusCallback is not { } url || !call.StatusCallbackEvents.Contains(statusEvent))
        {
            return;
        }

        var form = CallForm(call);
        form["CallbackSource"] = "call-progress-events";
        form["SequenceNumber"] = (call.CallbackSequence++).ToString(CultureInfo.InvariantCulture);
        form["Timestamp"] = TwilioTime.Rfc2822(Now);
        if (call.Ended is { } ended)
        {
            form["CallDuration"] = ((int)(ended - (call.Answered ?? ended)).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        Emit(new StatusCallbackPost("call-status", url, call.StatusCallbackMethod, form));
    }

    private void ConferenceEvent(FakeConference conference, string name, FakeParticipant? participant, Dictionary<string, string>? extra = null)
    {
        var subscribed = name switch
        {
            "conference-start" => "start",
            "conference-end" => "end",
            "participant-join" => "join",
            "participant-leave" => "leave",
            "participant-hold" or "participant-unhold" => "hold",
            "participant-mute" or "participant-unmute" => "mute",
            "participant-modify" => "modify",
            _ => name,
        };
        if (conference.StatusCallback is not { } url || !conference.StatusCallbackEvents.Contains(subscribed))
        {
            return;
        }

        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ConferenceSid"] = conference.Sid,
            ["FriendlyName"] = conference.FriendlyName,
            ["SequenceNumber"] = (++conference.Sequence).ToString(CultureInfo.InvariantCulture),
            ["Timestamp"] = TwilioTime.Rfc2822(Now),
            ["StatusCallbackEvent"] = name,
        };
        if (participant is not null)
        {
            form["CallSid"] = participant.Call.Sid;
            form["Hold"] = Lower(participant.Hold);
            form["Muted"] = Lower(participant.Muted);
            form["EndConferenceOnExit"] = Lower(participant.EndConferenceOnExit);
            form["StartConferenceOnEnter"] = Lower(participant.StartConferenceOnEnter);
            form["Coaching"] = "false";
            if (participant.Label is { } label)
            {
                form["ParticipantLabel"] = label;
            }
        }

        foreach (var (key, value) in extra ?? [])
        {
            form[key] = value;
        }

        Emit(new StatusCallbackPost("conference:" + name, url, conference.StatusCallbackMethod, form));
    }

    private Dictionary<string, string> CallForm(FakeCall call) => new()
    {
        ["AccountSid"] = AccountSid,
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = call.Sid,
        ["CallStatus"] = call.Status,
        ["Direction"] = call.Direction,
        ["From"] = call.From,
        ["To"] = call.To,
        ["Caller"] = call.From,
        ["Called"] = call.To,
    };

    private static string Lower(bool value) => value ? "true" : "false";
}
