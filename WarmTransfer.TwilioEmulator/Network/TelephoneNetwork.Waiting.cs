using System.Xml.Linq;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Waiting for a conference to start: the waitUrl each participant hears, and the disconnect when it cannot be fetched.
/// Source unless said otherwise: Twilio, "TwiML Voice: &lt;Conference&gt;", https://www.twilio.com/docs/voice/twiml/conference, waitUrl.
/// </summary>
internal sealed partial class TelephoneNetwork
{
    /// <summary>Until the room starts, a participant hears its own waitUrl.</summary>
    private void Wait(FakeCall call, FakeConference conference, XElement element)
    {
        switch ((string?)element.Attribute("waitUrl"))
        {
            case null:
                // "If no waitUrl is specified, Twilio will use its own default classical playlist" — Twilio's, not the app's.
                conference.Wait(call.Sid, Audio.WaitMusic);
                break;
            case "":
                // "If you do not wish anything to play while waiting for the conference to start, specify the empty string".
                conference.Wait(call.Sid, Audio.Silence);
                break;
            case var waitUrl when AudioFile.Is(new Uri(DocumentOf(call), waitUrl)):
                // "The URL may return an MP3 file, a WAV file, or a TwiML document": a file is played, the app is not asked.
                conference.Wait(call.Sid, AudioFile.PlayedOnce(call, Audio.WaitMusic, Now));
                break;
            case var waitUrl:
                conference.Wait(call.Sid, Audio.WaitMusic);
                var form = CallForm(call);
                form["ConferenceSid"] = conference.Sid;
                form["FriendlyName"] = conference.FriendlyName;
                form["QueuePosition"] = "1";
                Emit(new TwimlFetch(call, TwimlPurpose.Wait, new Uri(DocumentOf(call), waitUrl), (string?)element.Attribute("waitMethod") ?? "POST", form)
                {
                    FailedByInjection = _faults.FailsWaitFetch(call.Sid),
                });
                break;
        }
    }

    /// <summary>
    /// "If the request to your waitUrl fails, the Conference will not be fully established. To avoid the call being
    /// disconnected, you can either add additional TwiML after the initial &lt;Dial&gt; &lt;Conference&gt;, or programmatically
    /// provide fallback behavior via the action callback." So the participant leaves, and the call goes on after the &lt;Dial&gt;
    /// (its action URL if it has one); with nothing after it, the call ends.
    /// </summary>
    private void WaitUrlFailed(FakeCall call, FakeConference conference, FakeParticipant participant)
    {
        // Assumption: no document names the ReasonParticipantLeft of this case; participant_add_failed is the documented value
        // closest to "not fully established".
        Remove(conference, participant, "participant_add_failed");
        AfterLeaving(conference, participant, kicked: false);
        // Assumption: the action callback reports DialCallStatus=failed here (the <Dial> doc lists the values, not this case).
        ContinueAfterDial(call, DialOutcome.Failed);
    }

    private void OnWaitAnswered(TwimlFetch fetch, bool answered, int status, string body)
    {
        var call = fetch.Call;
        // Assumption: a wait fetch that fails after the room has started no longer matters (the participant is no longer waiting).
        if (!call.IsLive || call.Conference is not { Started: false } conference || conference.Participant(call.Sid) is not { } waiting)
        {
            return;
        }

        // Assumption: a 2xx answer that is not a TwiML document (e.g. an empty 204) is a failed wait fetch like an error status.
        if (answered && TwimlScript.TryParse(body, out _))
        {
            // "Once the TwiML document located at the waitUrl runs out of verbs to execute, silence will be played."
            conference.Wait(call.Sid, TwimlScript.MusicOrSilence(body, Audio.WaitMusic));
            return;
        }

        if (!fetch.FailedByInjection)
        {
            _violations.Add($"wait URL {fetch.Url} for {call.Sid} answered {status}: {body}");
        }

        WaitUrlFailed(call, conference, waiting);
    }
}
