namespace WarmTransfer.Tests.Emulator;

/// <summary>Call legs: placed, rung, answered, refused, hung up, updated over REST.</summary>
internal sealed partial class TelephoneNetwork
{
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
}
