namespace WarmTransfer.Tests.Emulator;

/// <summary>Running TwiML: the app's answers to TwiML fetches, and the verbs they hold, drive each call on.</summary>
internal sealed partial class TelephoneNetwork
{
    public void OnDelivered(NetworkJob job, int status, string body)
    {
        if (job is not TwimlFetch fetch)
        {
            if (status is < 200 or >= 300 && status != 409)
            {
                _violations.Add($"status callback to {job.Url} answered {status}: {body}");
            }

            return;
        }

        var call = fetch.Call;
        switch (fetch.Purpose)
        {
            case TwimlPurpose.Call when call.IsLive:
                if (status != 200 || !TwimlScript.TryParse(body, out var verbs))
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

                call.Remaining = verbs;
                RunTwiml(call);
                break;
            case TwimlPurpose.Wait when call.Conference is { } conference:
                conference.WaitAudio[call.Sid] = status == 200 ? TwimlScript.MusicOrSilence(body, Audio.WaitMusic) : Audio.Silence;
                break;
            case TwimlPurpose.Hold when call.Conference?.Participant(call.Sid) is { Hold: true } held:
                held.HoldAudio = status == 200 ? TwimlScript.MusicOrSilence(body, Audio.HoldMusic) : Audio.Silence;
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
                    FetchCallTwiml(call, new Uri(call.Url!, verb.Value.Trim()), (string?)verb.Attribute("method") ?? "POST");
                    return;
                case "Dial" when verb.Element(verb.Name.Namespace + "Conference") is { } conference:
                    Join(call, conference);
                    return;
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

    private void ContinueAfterDial(FakeCall call)
    {
        if (call.IsLive)
        {
            RunTwiml(call);
        }
    }

    private void FetchCallTwiml(FakeCall call, Uri url, string method) =>
        Emit(new TwimlFetch(call, TwimlPurpose.Call, url, method, CallForm(call)));
}
