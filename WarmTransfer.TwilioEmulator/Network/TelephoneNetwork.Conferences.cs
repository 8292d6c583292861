using System.Xml.Linq;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Conference rooms: joining, starting, leaving, ending, and participant updates over REST (waiting is in the Waiting part).
/// Source for all of it unless said otherwise: Twilio, "TwiML Voice: &lt;Conference&gt;", https://www.twilio.com/docs/voice/twiml/conference
/// </summary>
internal sealed partial class TelephoneNetwork
{
    private const int MaxLabelLength = 128;

    /// <summary>
    /// Ends the room; everyone still in it drops out and their TwiML goes on after the &lt;Dial&gt;.
    /// <paramref name="reason"/> is one of the documented ReasonConferenceEnded values: conference-ended-via-api,
    /// last-participant-kicked, last-participant-left, participant-with-end-conference-on-exit-kicked, participant-with-end-conference-on-exit-left.
    /// </summary>
    public void EndConference(FakeConference conference, string reason, FakeParticipant? ending)
    {
        if (conference.Ended)
        {
            return;
        }

        conference.Status = "completed";
        _liveConferencesByName.Remove(conference.FriendlyName);
        conference.ReasonEnded = reason;
        conference.CallSidEndingConference = ending?.Call.Sid;
        // ReasonParticipantLeft has documented values only (conference_ended_via_api, moderator_ended_conference,
        // participant_updated_via_api, participant_hung_up, participant_add_failed).
        // Assumption: the others in a room ended by an endConferenceOnExit participant get moderator_ended_conference,
        // the doc's words for endConferenceOnExit being "moderated conferences".
        var othersLeave = reason == "conference-ended-via-api" ? "conference_ended_via_api" : "moderator_ended_conference";
        foreach (var participant in conference.Participants)
        {
            Remove(conference, participant, othersLeave);
            ContinueAfterDial(participant.Call, DialOutcome.Answered);
        }

        var extra = new Dictionary<string, string> { ["ReasonConferenceEnded"] = reason };
        if (ending is not null)
        {
            extra["CallSidEndingConference"] = ending.Call.Sid;
            if (ending.Label is { } label)
            {
                extra["ParticipantLabelEndingConference"] = label;
            }
        }

        ConferenceEvent(conference, "conference-end", null, extra);
    }

    /// <summary>
    /// REST participant update. Any attribute may change at any time, held or not: Twilio, "Conference Participant Resource",
    /// https://www.twilio.com/docs/voice/api/conference-participant-resource — and the modify event reports an
    /// EndConferenceOnExit change (&lt;Conference&gt; doc, statusCallbackEvent "modify").
    /// </summary>
    public void UpdateParticipant(FakeParticipant participant, FakeConference conference, bool? hold, Uri? holdUrl, string holdMethod, bool? endConferenceOnExit, bool? muted)
    {
        if (hold is { } onHold && onHold != participant.Hold)
        {
            participant.Hold = onHold;
            if (onHold)
            {
                participant.HoldAudio = Audio.HoldMusic;
                if (holdUrl is not null && AudioFile.Is(holdUrl))
                {
                    participant.HoldAudio = AudioFile.PlayedOnce(participant.Call, Audio.HoldMusic, Now);
                }
                else if (holdUrl is not null)
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

        if (endConferenceOnExit is { } ends && ends != participant.EndConferenceOnExit)
        {
            participant.EndConferenceOnExit = ends;
            ConferenceEvent(conference, "participant-modify", participant);
        }
    }

    /// <summary>REST DELETE of a participant: it leaves ("kicked"), and its TwiML goes on after the &lt;Dial&gt;.</summary>
    public void RemoveParticipant(FakeConference conference, FakeParticipant participant)
    {
        Remove(conference, participant, "participant_updated_via_api");
        AfterLeaving(conference, participant, kicked: true);
        ContinueAfterDial(participant.Call, DialOutcome.Answered);
    }

    /// <summary>
    /// &lt;Dial&gt;&lt;Conference&gt;: joins the room, or — when its participantLabel is taken — does not, and returns false so the
    /// call goes on with the next verb.
    /// </summary>
    private bool Join(FakeCall call, XElement dial, XElement element)
    {
        var name = element.Value.Trim();
        var conference = _liveConferencesByName.GetValueOrDefault(name);
        var label = (string?)element.Attribute("participantLabel");
        // participantLabel "must be unique across all participants in the conference ... If a participant with the same label
        // already exists in the conference, 16025 error notification will be reported ... The call will not be added into the
        // conference and instead continue to the next TwiML verb." Also: Twilio, "16025: Dial->Conference: Participant label is
        // in use by another participant", https://www.twilio.com/docs/api/errors/16025
        if (label is not null && conference?.Participant(label) is { } holder)
        {
            _violations.Add($"error 16025: {call.Sid} was not added to conference '{name}': participantLabel '{label}' is in use by {holder.Call.Sid}");
            return false;
        }

        if (label is { Length: > MaxLabelLength })
        {
            // Twilio, "16023: Dial->Conference: Invalid participant label", https://www.twilio.com/docs/api/errors/16023 (what the
            // call then does is not documented, so the emulator only reports it).
            _violations.Add($"error 16023: participantLabel of {call.Sid} is longer than {MaxLabelLength} characters");
        }

        if (conference is null)
        {
            conference = new FakeConference(Sids.New("CF"), name, Now) { Changes = _audioChanges };
            // "The statusCallback URL is set by the first Participant to join the conference, subsequent setting of the
            // statusCallback will be ignored" (and likewise statusCallbackEvent).
            if ((string?)element.Attribute("statusCallback") is { } callback)
            {
                conference.StatusCallback = new Uri(DocumentOf(call), callback);
                conference.StatusCallbackMethod = (string?)element.Attribute("statusCallbackMethod") ?? "POST";
                conference.StatusCallbackEvents = [.. ((string?)element.Attribute("statusCallbackEvent") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
            }

            Add(conference);
        }

        var participant = new FakeParticipant(call,
            TwimlScript.Flag(element, "startConferenceOnEnter", whenMissing: true),
            TwimlScript.Flag(element, "endConferenceOnExit", whenMissing: false),
            label,
            Now);
        conference.Add(participant);
        call.Conference = conference;
        // Twilio, "TwiML Voice: <Dial>", https://www.twilio.com/docs/voice/twiml/dial, action: when the dial ends Twilio requests
        // the action URL and the call continues with its answer; verbs after the <Dial> are then unreachable.
        call.DialAction = (string?)dial.Attribute("action") is { Length: > 0 } action
            ? (new Uri(DocumentOf(call), action), ((string?)dial.Attribute("method") ?? "POST").ToUpperInvariant())
            : null;
        ConferenceEvent(conference, "participant-join", participant);

        if (CanStart(conference))
        {
            conference.Status = "in-progress";
            ConferenceEvent(conference, "conference-start", null);
        }
        else
        {
            Wait(call, conference, element);
        }

        return true;
    }

    /// <summary>
    /// "start: ... This occurs when there are at least two participants in the conference, and at least one of the participants
    /// has startConferenceOnEnter=true" (and "Conferences will not start until at least two participants join").
    /// </summary>
    private static bool CanStart(FakeConference conference) =>
        !conference.Started && conference.Participants.Count >= 2 && conference.Participants.Any(p => p.StartConferenceOnEnter);

    private void LeaveConference(FakeCall call, string reason)
    {
        if (call.Conference is { } conference && conference.Participant(call.Sid) is { } participant)
        {
            Remove(conference, participant, reason);
            AfterLeaving(conference, participant, kicked: reason == "participant_updated_via_api");
        }
    }

    private void Remove(FakeConference conference, FakeParticipant participant, string reason)
    {
        conference.Remove(participant);
        participant.Call.Conference = null;
        // participant-leave carries ParticipantCallStatus and ReasonParticipantLeft.
        ConferenceEvent(conference, "participant-leave", participant, extra: new()
        {
            ["ReasonParticipantLeft"] = reason,
            ["ParticipantCallStatus"] = participant.Call.IsLive ? FakeCallStatus.InProgress : participant.Call.Status,
        });
    }

    /// <summary>
    /// "end: The last participant has left the conference or a participant with endConferenceOnExit="true" leaves the conference."
    /// </summary>
    private void AfterLeaving(FakeConference conference, FakeParticipant participant, bool kicked)
    {
        // Assumption: "kicked" (rather than "left") when the participant went because of a REST request — removed, redirected or
        // ended over the API; the ReasonConferenceEnded values are documented, what separates kicked from left is not.
        if (participant.EndConferenceOnExit)
        {
            EndConference(conference, kicked ? "participant-with-end-conference-on-exit-kicked" : "participant-with-end-conference-on-exit-left", participant);
        }
        else if (conference.Participants.Count == 0)
        {
            EndConference(conference, kicked ? "last-participant-kicked" : "last-participant-left", participant);
        }
    }
}
