using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Twilio;

/// <summary>Reads Twilio's callback forms into the records the grains take; a malformed form yields a reason instead.</summary>
public static class TwilioForms
{
    private static readonly Dictionary<string, ConferenceEventKind> EventKinds = new(StringComparer.Ordinal)
    {
        ["conference-start"] = ConferenceEventKind.ConferenceStart,
        ["conference-end"] = ConferenceEventKind.ConferenceEnd,
        ["participant-join"] = ConferenceEventKind.ParticipantJoin,
        ["participant-leave"] = ConferenceEventKind.ParticipantLeave,
        ["participant-hold"] = ConferenceEventKind.ParticipantHold,
        ["participant-unhold"] = ConferenceEventKind.ParticipantUnhold,
        ["participant-modify"] = ConferenceEventKind.ParticipantModify,
    };

    public static bool TryReadCallSid(IFormCollection form, [NotNullWhen(true)] out string? callSid, [NotNullWhen(false)] out string? error)
    {
        callSid = form["CallSid"].ToString();
        error = Sids.IsCallSid(callSid) ? null : "CallSid is missing or is not a Twilio CallSid (CA followed by 32 hex digits).";
        return error is null;
    }

    public static bool TryReadConferenceEvent(IFormCollection form, string conferenceId,
        [NotNullWhen(true)] out ConferenceEvent? conferenceEvent, [NotNullWhen(false)] out string? error)
    {
        conferenceEvent = null;
        var conferenceSid = form["ConferenceSid"].ToString();
        var callSid = form["CallSid"].ToString();
        var friendlyName = form["FriendlyName"].ToString();
        if (!Sids.IsConferenceSid(conferenceSid))
        {
            error = "ConferenceSid is missing or is not a Twilio ConferenceSid.";
        }
        else if (!int.TryParse(form["SequenceNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            error = "SequenceNumber is missing or not a whole number.";
        }
        else if (friendlyName.Length > 0 && friendlyName != conferenceId)
        {
            error = "FriendlyName does not match the conference in the URL.";
        }
        else if (callSid.Length > 0 && !Sids.IsCallSid(callSid))
        {
            error = "CallSid is not a Twilio CallSid.";
        }
        else if (!TryReadBool(form, "Hold", out var hold) || !TryReadBool(form, "EndConferenceOnExit", out var endConferenceOnExit))
        {
            error = "Hold and EndConferenceOnExit must be true or false.";
        }
        else
        {
            var kind = EventKinds.GetValueOrDefault(form["StatusCallbackEvent"].ToString(), ConferenceEventKind.Other);
            conferenceEvent = new ConferenceEvent(kind, conferenceSid, sequence, callSid.Length > 0 ? callSid : null,
                hold, endConferenceOnExit, NullIfEmpty(form["ReasonParticipantLeft"].ToString()));
            error = null;
        }

        return error is null;
    }

    public static bool TryReadCallStatus(IFormCollection form, [NotNullWhen(true)] out CallStatusReport? report, [NotNullWhen(false)] out string? error)
    {
        report = null;
        if (!TryReadCallSid(form, out var callSid, out error))
        {
            return false;
        }

        if (!CallStatusNames.TryParse(form["CallStatus"].ToString(), out var status))
        {
            error = "CallStatus is missing or not one of Twilio's call statuses.";
            return false;
        }

        report = new CallStatusReport(callSid, status.Value);
        return true;
    }

    private static bool TryReadBool(IFormCollection form, string key, out bool? value)
    {
        value = null;
        var text = form[key].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
