using System.Globalization;
using System.Xml.Linq;

namespace WarmTransfer.Tests.Emulator;

/// <summary>
/// Twilio's calls and conferences as the emulator keeps them: REST requests and phone-side actions change them
/// under one lock and schedule the resulting webhooks; TwiML answers drive the calls on.
/// </summary>
internal sealed partial class TelephoneNetwork(string accountSid, WebhookDispatcher dispatcher)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeCall> _calls = [];
    private readonly List<FakeConference> _conferences = [];
    private readonly List<string> _violations = [];
    private readonly List<NetworkJob> _emitted = [];
    private int _depth;

    public string AccountSid { get; } = accountSid;

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    public T Read<T>(Func<IReadOnlyCollection<FakeCall>, IReadOnlyList<FakeConference>, T> read)
    {
        lock (_gate)
        {
            return read(_calls.Values, _conferences);
        }
    }

    /// <summary>Runs a change atomically, then brings everyone's audio up to date (so a change's midpoints are never heard).</summary>
    public T Change<T>(Func<T> change)
    {
        lock (_gate)
        {
            _depth++;
            try
            {
                return change();
            }
            finally
            {
                if (--_depth == 0)
                {
                    UpdateAudio();
                    // Handed over together, so the dispatcher never sees half of one change's webhooks.
                    dispatcher.EnqueueAll(_emitted);
                    _emitted.Clear();
                }
            }
        }
    }

    public void Change(Action change) => Change(() =>
    {
        change();
        return true;
    });

    public FakeCall? Call(string sid) => _calls.GetValueOrDefault(sid);

    public FakeConference? Conference(string sid) => _conferences.Find(c => c.Sid == sid);

    public IEnumerable<FakeConference> Conferences => _conferences;

    // ---- Calls

    public FakeCall PlaceOutbound(string to, string from, Uri? url, string method, string? twiml, Uri? statusCallback, string statusCallbackMethod, IEnumerable<string> events)
    {
        if (to.StartsWith("client:", StringComparison.Ordinal) && _calls.Values.FirstOrDefault(c => c.To == to && c.IsLive) is { } live)
        {
            _violations.Add($"{to} was dialled again while {live.Sid} to it was still {live.Status}");
        }

        var call = new FakeCall(Sids.New("CA"), from, to, "outbound-api", Now)
        {
            Url = url,
            Method = method,
            StatusCallback = statusCallback,
            StatusCallbackMethod = statusCallbackMethod,
            StatusCallbackEvents = events.ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        if (twiml is not null && TwimlScript.TryParse(twiml, out var verbs))
        {
            call.Remaining = verbs;
        }

        _calls[call.Sid] = call;
        return call;
    }

    /// <summary>Twilio starts the call it has queued: initiated, then ringing until the far end acts.</summary>
    public void Ring(FakeCall call)
    {
        SetStatus(call, FakeCallStatus.Initiated, "initiated");
        SetStatus(call, FakeCallStatus.Ringing, "ringing");
    }

    public FakeCall DialIn(string from, string to, Uri voiceUrl, Uri? statusCallback)
    {
        var call = new FakeCall(Sids.New("CA"), from, to, "inbound", Now)
        {
            Url = voiceUrl,
            StatusCallback = statusCallback,
            StatusCallbackEvents = new HashSet<string> { "completed" },
        };
        _calls[call.Sid] = call;
        call.Status = FakeCallStatus.Ringing;
        FetchCallTwiml(call, voiceUrl, "POST");
        return call;
    }

    public void Answer(FakeCall call)
    {
        Require(call.Status == FakeCallStatus.Ringing, $"{call.Sid} is {call.Status}, not ringing");
        call.Answered = Now;
        SetStatus(call, FakeCallStatus.InProgress, "answered");
        if (call.Url is { } url)
        {
            FetchCallTwiml(call, url, call.Method);
        }
        else
        {
            RunTwiml(call);
        }
    }

    /// <summary>The far end refuses or never picks up; or a live call is hung up by its party.</summary>
    public void EndByParty(FakeCall call, string status)
    {
        Require(call.IsLive, $"{call.Sid} is already {call.Status}");
        if (call.Status == FakeCallStatus.InProgress)
        {
            Finish(call, FakeCallStatus.Completed, "participant_hung_up");
        }
        else
        {
            Finish(call, status, "participant_hung_up");
        }
    }

    /// <summary>REST: Status=canceled only stops queued or ringing calls; Status=completed ends any live call.</summary>
    public string? UpdateCall(FakeCall call, string? status, Uri? url, string method, string? twiml)
    {
        if (!call.IsLive)
        {
            return "Call is not in-progress. Cannot redirect.";
        }

        if (status == FakeCallStatus.Canceled)
        {
            if (call.Status != FakeCallStatus.InProgress)
            {
                Finish(call, FakeCallStatus.Canceled, "participant_updated_via_api");
            }
        }
        else if (status == FakeCallStatus.Completed)
        {
            Finish(call, call.Status == FakeCallStatus.InProgress ? FakeCallStatus.Completed : FakeCallStatus.Canceled, "participant_updated_via_api");
        }
        else if (url is not null || twiml is not null)
        {
            if (call.Status != FakeCallStatus.InProgress)
            {
                return "Call is not in-progress. Cannot redirect.";
            }

            LeaveConference(call, "participant_updated_via_api", continueTwiml: false);
            if (url is not null)
            {
                FetchCallTwiml(call, url, method);
            }
            else if (TwimlScript.TryParse(twiml!, out var verbs))
            {
                call.Remaining = verbs;
                RunTwiml(call);
            }
        }

        return null;
    }

    // ---- Conferences

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

    // ---- TwiML

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

    private void ContinueAfterDial(FakeCall call)
    {
        if (call.IsLive)
        {
            RunTwiml(call);
        }
    }

    private void Finish(FakeCall call, string status, string reason)
    {
        if (!call.IsLive)
        {
            return;
        }

        call.Status = status;
        call.Ended = Now;
        LeaveConference(call, reason, continueTwiml: false);
        SendCallStatus(call, "completed");
    }

    private void SetStatus(FakeCall call, string status, string statusEvent)
    {
        call.Status = status;
        SendCallStatus(call, statusEvent);
    }

    private void FetchCallTwiml(FakeCall call, Uri url, string method) =>
        Emit(new TwimlFetch(call, TwimlPurpose.Call, url, method, CallForm(call)));

    private void SendCallStatus(FakeCall call, string statusEvent)
    {
        if (call.StatusCallback is not { } url || !call.StatusCallbackEvents.Contains(statusEvent))
        {
            return;
        }

        var form = CallForm(call);
        form["CallbackSource"] = "call-progress-events";
        form["SequenceNumber"] = (call.CallbackSequence++).ToString(CultureInfo.InvariantCulture);
        form["Timestamp"] = Rfc2822(Now);
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
            ["Timestamp"] = Rfc2822(Now),
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

    private void Emit(NetworkJob job) => _emitted.Add(job);

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

    private void UpdateAudio()
    {
        var now = Now;
        foreach (var call in _calls.Values)
        {
            call.Hear(AudioOf(call), now);
        }
    }

    private static Audio AudioOf(FakeCall call)
    {
        if (!call.IsLive)
        {
            return Audio.Ended;
        }

        if (call.Status != FakeCallStatus.InProgress)
        {
            return Audio.Nothing;
        }

        if (call.Conference is not { } conference || conference.Participant(call.Sid) is not { } self)
        {
            return call.OwnAudio;
        }

        if (self.Hold)
        {
            return self.HoldAudio;
        }

        if (!conference.Started)
        {
            return conference.WaitAudio.GetValueOrDefault(call.Sid, Audio.WaitMusic);
        }

        return conference.Participants.Any(p => p != self && !p.Hold) ? Audio.Conversation : Audio.Silence;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";

    public static string Rfc2822(DateTimeOffset at) => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;
}
