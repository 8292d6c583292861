using System.Xml.Linq;

namespace WarmTransfer.Tests.Emulator;

/// <summary>Conference rooms: joining, leaving, ending, and participant updates over REST.</summary>
internal sealed partial class TelephoneNetwork
{
    public void EndConference(FakeConference conference, string reason, string? callSid)
    {
        if (conference.Ended)
        {
            return;
        }

        conference.Status = "completed";
        conference.ReasonEnded = reason;
        conference.CallSidEndingConference = callSid;
        foreach (var participant in conference.Participants)
        {
            Remove(conference, participant, reason == "conference-ended-via-api" ? "conference_ended_via_api" : "participant_with_end_conference_on_exit_left");
            ContinueAfterDial(participant.Call);
        }

        ConferenceEvent(conference, "conference-end", null, extra: new()
        {
            ["ReasonConferenceEnded"] = reason,
            ["CallSidEndingConference"] = callSid ?? "",
        });
    }

    public string? UpdateParticipant(FakeParticipant participant, FakeConference conference, bool? hold, Uri? holdUrl, string holdMethod, bool? endConferenceOnExit, bool? muted)
    {
        // Twilio quietly ignores endConferenceOnExit on a held participant.
        var wasHeld = participant.Hold;
        if (hold is { } onHold && onHold != participant.Hold)
        {
            participant.Hold = onHold;
            if (onHold)
            {
                participant.HoldAudio = Audio.HoldMusic;
                if (holdUrl is not null)
                {
                    Emit(new TwimlFetch(participant.Call, TwimlPurpose.Hold, holdUrl, holdMethod, CallForm(participant.Call)));
                }
            }

            ConferenceEvent(conference, onHold ? "participant-hold" : "participant-unhold", participant);
        }

        if (muted is { } mute && mute != participant.Muted)
        {
            participant.Muted = mute;
            ConferenceEvent(conference, mute ? "participant-mute" : "participant-unmute", participant);
        }

        if (endConferenceOnExit is { } ends && ends != participant.EndConferenceOnExit && !wasHeld)
        {
            participant.EndConferenceOnExit = ends;
            ConferenceEvent(conference, "participant-modify", participant);
        }

        return null;
    }

    public void RemoveParticipant(FakeConference conference, FakeParticipant participant)
    {
        Remove(conference, participant, "participant_updated_via_api");
        AfterLeaving(conference, participant);
        ContinueAfterDial(participant.Call);
    }

    private void Join(FakeCall call, XElement element)
    {
        var name = element.Value.Trim();
        var conference = _conferences.Find(c => c.FriendlyName == name && !c.Ended);
        if (conference is null)
        {
            conference = new FakeConference(Sids.New("CF"), name, Now);
            if ((string?)element.Attribute("statusCallback") is { } callback)
            {
                conference.StatusCallback = new Uri(call.Url!, callback);
                conference.StatusCallbackMethod = (string?)element.Attribute("statusCallbackMethod") ?? "POST";
                conference.StatusCallbackEvents = [.. ((string?)element.Attribute("statusCallbackEvent") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }

            _conferences.Add(conference);
        }

        var participant = new FakeParticipant(call,
            TwimlScript.Flag(element, "startConferenceOnEnter", whenMissing: true),
            TwimlScript.Flag(element, "endConferenceOnExit", whenMissing: false),
            (string?)element.Attribute("participantLabel"),
            Now);
        conference.Add(participant);
        call.Conference = conference;
        ConferenceEvent(conference, "participant-join", participant);

        if (!conference.Started && participant.StartConferenceOnEnter)
        {
            conference.Status = "in-progress";
            ConferenceEvent(conference, "conference-start", null);
        }
        else if (!conference.Started && (string?)element.Attribute("waitUrl") is { Length: > 0 } waitUrl)
        {
            conference.WaitAudio[call.Sid] = Audio.WaitMusic;
            var form = CallForm(call);
            form["ConferenceSid"] = conference.Sid;
            form["FriendlyName"] = conference.FriendlyName;
            form["QueuePosition"] = "1";
            Emit(new TwimlFetch(call, TwimlPurpose.Wait, new Uri(call.Url!, waitUrl), (string?)element.Attribute("waitMethod") ?? "POST", form));
        }
    }

    private void LeaveConference(FakeCall call, string reason, bool continueTwiml)
    {
        if (call.Conference is { } conference && conference.Participant(call.Sid) is { } participant)
        {
            Remove(conference, participant, reason);
            AfterLeaving(conference, participant);
        }

        if (continueTwiml)
        {
            ContinueAfterDial(call);
        }
    }

    private void Remove(FakeConference conference, FakeParticipant participant, string reason)
    {
        conference.Remove(participant);
        participant.Call.Conference = null;
        ConferenceEvent(conference, "participant-leave", participant, extra: new()
        {
            ["ReasonParticipantLeft"] = reason,
            ["ParticipantCallStatus"] = participant.Call.IsLive ? FakeCallStatus.InProgress : participant.Call.Status,
        });
    }

    private void AfterLeaving(FakeConference conference, FakeParticipant participant)
    {
        if (participant.EndConferenceOnExit)
        {
            EndConference(conference, "participant-with-end-conference-on-exit-left", participant.Call.Sid);
        }
        else if (conference.Participants.Count == 0)
        {
            EndConference(conference, "last-participant-left", participant.Call.Sid);
        }
    }
}
