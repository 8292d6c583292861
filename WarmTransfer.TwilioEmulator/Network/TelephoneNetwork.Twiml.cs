namespace WarmTransfer.TwilioEmulator;

/// <summary>Running TwiML: the app's answers to TwiML fetches, and the verbs they hold, drive each call on.</summary>
internal sealed partial class TelephoneNetwork
{
    /// <summary>
    /// The app's answer to a request, or <paramref name="status"/> 0 when none came (connection failed, timed out, or the failure was
    /// injected). Non-2xx answers to status callbacks are not retried: Twilio logs them (Twilio, "15003: Call Progress: Warning
    /// Response to Callback URL", https://www.twilio.com/docs/api/errors/15003; "16011: Conference Event: Error Response to
    /// Callback URL", https://www.twilio.com/docs/api/errors/16011) and the emulator records them as violations.
    /// </summary>
    public void OnDelivered(NetworkJob job, int status, string body)
    {
        if (job is not TwimlFetch fetch)
        {
            if (status is < 200 or >= 300 && status != 409 && !job.FailedByInjection)
            {
                _violations.Add($"status callback to {job.Url} answered {status}: {body}");
            }

            return;
        }

        var call = fetch.Call;
        var answered = status is >= 200 and < 300 && !fetch.FailedByInjection;
        switch (fetch.Purpose)
        {
            case TwimlPurpose.Call when call.IsLive:
                if (!answered || !TwimlScript.TryParse(body, out var verbs))
                {
                    _violations.Add($"application error: {fetch.Url} answered {status}: {body}");
                    Finish(call, call.Status == FakeCallStatus.InProgress ? FakeCallStatus.Completed : FakeCallStatus.Failed, "participant_hung_up");
                    return;
                }

                if (call.Status == FakeCallStatus.Ringing)
                {
                    call.Answered = Now;
                    SetStatus(call, FakeCallStatus.InProgress, "answered");
                }

                call.Document = fetch.Url;
                call.Remaining = verbs;
                RunTwiml(call);
                break;
            case TwimlPurpose.Wait:
                OnWaitAnswered(fetch, answered, status, body);
                break;
            case TwimlPurpose.Hold when call.Conference?.Participant(call.Sid) is { Hold: true } held:
                held.HoldAudio = answered ? TwimlScript.MusicOrSilence(body, Audio.HoldMusic) : Audio.Silence;
                break;
        }
    }

    private void RunTwiml(FakeCall call)
    {
        while (call.IsLive && call.Remaining.TryDequeue(out var verb))
        {
            switch (verb.Name.LocalName)
            {
                case "Say":
                    call.OwnAudio = Audio.Message;
                    break;
                case "Play" when (string?)verb.Attribute("loop") == "0":
                    call.OwnAudio = Audio.HoldMusic;
                    return;
                case "Play" or "Pause":
                    break;
                case "Hangup":
                    Finish(call, FakeCallStatus.Completed, "participant_hung_up");
                    return;
                case "Redirect":
                    FetchCallTwiml(call, new Uri(DocumentOf(call), verb.Value.Trim()), (string?)verb.Attribute("method") ?? "POST");
                    return;
                case "Dial" when verb.Element(verb.Name.Namespace + "Conference") is { } conference:
                    if (Join(call, verb, conference))
                    {
                        return;
                    }

                    break;
                default:
                    _violations.Add($"{call.Sid} met TwiML the emulator does not know: {verb.Name.LocalName}");
                    break;
            }
        }

        if (call.IsLive && call.Status == FakeCallStatus.InProgress)
        {
            Finish(call, FakeCallStatus.Completed, "participant_hung_up");
        }
    }

    /// <summary>
    /// The &lt;Dial&gt; is over for a call still up: Twilio requests the action URL if there is one (with DialCallStatus; "DialCallSid"
    /// and "DialCallDuration" are "not sent after dialing a conference"), else runs the verbs after the &lt;Dial&gt;; with none left the
    /// call ends. Twilio, "TwiML Voice: &lt;Dial&gt;", https://www.twilio.com/docs/voice/twiml/dial, action.
    /// </summary>
    private void ContinueAfterDial(FakeCall call, DialOutcome outcome)
    {
        if (!call.IsLive)
        {
            return;
        }

        if (call.DialAction is { } action)
        {
            call.DialAction = null;
            call.Remaining.Clear();
            var form = CallForm(call);
            form["DialCallStatus"] = outcome == DialOutcome.Answered ? "answered" : "failed";
            Emit(new TwimlFetch(call, TwimlPurpose.Call, action.Url, action.Method, form));
            return;
        }

        RunTwiml(call);
    }

    private void FetchCallTwiml(FakeCall call, Uri url, string method)
    {
        call.DialAction = null;
        Emit(new TwimlFetch(call, TwimlPurpose.Call, url, method, CallForm(call)));
    }

    private static Uri DocumentOf(FakeCall call) =>
        call.Document ?? call.Url ?? throw new InvalidOperationException($"{call.Sid} runs inline TwiML, so a relative URL in it has nothing to resolve against");
}
