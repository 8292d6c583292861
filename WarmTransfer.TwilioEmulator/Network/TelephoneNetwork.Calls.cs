namespace WarmTransfer.TwilioEmulator;

/// <summary>Call legs: placed, rung, answered, refused, hung up, updated over REST.</summary>
internal sealed partial class TelephoneNetwork
{
    /// <summary>
    /// REST Calls.json. <paramref name="timeoutSeconds"/>: "The integer number of seconds that we should allow the phone to ring before
    /// assuming there is no answer. The default is 60 seconds" (Twilio's OpenAPI description of Calls.json, Timeout; Twilio, "Call
    /// Resource", https://www.twilio.com/docs/voice/api/call-resource).
    /// </summary>
    public FakeCall PlaceOutbound(string to, string from, Uri? url, string method, string? twiml, Uri? statusCallback, string statusCallbackMethod, IEnumerable<string> events, int? timeoutSeconds)
    {
        // Assumption: no 5-second buffer is added to Timeout (the description adds one "for some call flows" without saying which).
        if (to.StartsWith("client:", StringComparison.Ordinal) && LiveCallsTo(to["client:".Length..]).FirstOrDefault() is { } live)
        {
            _violations.Add($"{to} was dialled again while {live.Sid} to it was still {live.Status}");
        }

        var call = new FakeCall(Sids.New("CA"), from, to, "outbound-api", Now)
        {
            Changes = _audioChanges,
            Url = url,
            Method = method,
            StatusCallback = statusCallback,
            StatusCallbackMethod = statusCallbackMethod,
            StatusCallbackEvents = events.ToHashSet(StringComparer.OrdinalIgnoreCase),
            RingTimeout = TimeSpan.FromSeconds(timeoutSeconds ?? 60),
        };
        if (twiml is not null && TwimlScript.TryParse(twiml, out var verbs))
        {
            call.Remaining = verbs;
        }

        Add(call);
        return call;
    }

    /// <summary>Twilio starts the call it has queued: initiated, then ringing until the far end acts or the ring timeout runs out.</summary>
    public void Ring(FakeCall call)
    {
        SetStatus(call, FakeCallStatus.Initiated, "initiated");
        SetStatus(call, FakeCallStatus.Ringing, "ringing");
        call.IgnoredByBusyDevice = call.ClientIdentity is { } identity && BusyDeviceIgnores(identity, call);
        _ringTimers.Schedule(call.RingTimeout * settings.RingTimeScale, () => Change(() => RingTimedOut(call)));
        if (call.ClientIdentity is not null && !call.IgnoredByBusyDevice)
        {
            settings.BrowserRinging?.Invoke(call);
        }
    }

    /// <summary>
    /// Voice JS SDK 2.x: "allowIncomingWhileBusy: Whether the Device should raise the incomingEvent event when a new call invite is
    /// received while already on an active call. Default behavior is false." (twilio-voice.js, Device.Options,
    /// https://twilio.github.io/twilio-voice.js/interfaces/Device.Options.html); the Device then logs "Device busy; ignoring incoming
    /// invite" and does nothing (twilio/twilio-voice.js, lib/twilio/device.ts, _onSignalingInvite), so the call rings out.
    /// </summary>
    // Assumption: a Device is busy while a call to its client is in progress (the SDK's active call is the one it accepted), and
    // Twilio, not knowing the invite was ignored, reports the ignored call as ringing until its Timeout, then no-answer.
    private bool BusyDeviceIgnores(string identity, FakeCall call) =>
        !settings.AllowsIncomingWhileBusy(identity)
        && LiveCallsTo(identity).Any(other => other != call && other.Status == FakeCallStatus.InProgress);

    /// <summary>"we should allow the phone to ring before assuming there is no answer": still ringing at Timeout, it ends no-answer.</summary>
    private void RingTimedOut(FakeCall call)
    {
        if (call.IsLive && call.Status != FakeCallStatus.InProgress)
        {
            Finish(call, FakeCallStatus.NoAnswer, "participant_hung_up");
        }
    }

    public FakeCall DialIn(string from, string to, Uri voiceUrl, Uri? statusCallback)
    {
        var call = new FakeCall(Sids.New("CA"), from, to, "inbound", Now)
        {
            Changes = _audioChanges,
            Url = voiceUrl,
            StatusCallback = statusCallback,
            StatusCallbackEvents = new HashSet<string> { "completed" },
        };
        Add(call);
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

            LeaveConference(call, "participant_updated_via_api");
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

    private void Finish(FakeCall call, string status, string reason)
    {
        if (!call.IsLive)
        {
            return;
        }

        call.Status = status;
        call.Ended = Now;
        LeaveConference(call, reason);
        SendCallStatus(call, "completed");
    }

    private void SetStatus(FakeCall call, string status, string statusEvent)
    {
        call.Status = status;
        SendCallStatus(call, statusEvent);
    }
}
