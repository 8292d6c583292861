namespace WarmTransfer.TwilioEmulator;

/// <summary>Decides, from one seeded random sequence, which REST requests and wait fetches fail; one-shot injections come first.</summary>
internal sealed class FaultInjector(FaultCounts counts)
{
    private readonly object _gate = new();
    private readonly List<(RestFault Fault, Func<RestRequest, bool> Where)> _nextRest = [];
    private readonly HashSet<string> _failWaitFetchOf = [];
    private readonly List<RestHold> _holds = [];
    private TwilioFaults? _faults;
    private Random? _random;

    public TwilioFaults? Faults
    {
        get
        {
            lock (_gate)
            {
                return _faults;
            }
        }
    }

    public void Use(TwilioFaults? faults)
    {
        lock (_gate)
        {
            _faults = faults;
            _random = faults is null ? null : new Random(faults.Seed);
        }
    }

    public void FailNextRest(RestFault fault, Func<RestRequest, bool>? where)
    {
        lock (_gate)
        {
            _nextRest.Add((fault, where ?? (_ => true)));
        }
    }

    public RestHold HoldNextRest(Func<RestRequest, bool> where)
    {
        var hold = new RestHold(where);
        lock (_gate)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>The hold waiting for this request, if any; each hold takes one request.</summary>
    public RestHold? TakeHold(RestRequest request)
    {
        lock (_gate)
        {
            var index = _holds.FindIndex(h => h.Where(request));
            if (index < 0)
            {
                return null;
            }

            var hold = _holds[index];
            _holds.RemoveAt(index);
            return hold;
        }
    }

    public void FailNextWaitFetch(string callSid)
    {
        lock (_gate)
        {
            _failWaitFetchOf.Add(callSid);
        }
    }

    public RestFault? NextRestFault(RestRequest request)
    {
        lock (_gate)
        {
            var fault = OneShot(request) ?? Drawn(request);
            if (fault is { } injected)
            {
                counts.Add(injected switch
                {
                    RestFault.TooManyRequests => FaultKind.RestTooManyRequests,
                    RestFault.ServerError => FaultKind.RestServerError,
                    RestFault.ServiceUnavailable => FaultKind.RestServiceUnavailable,
                    RestFault.SlowAnswer => FaultKind.RestSlowAnswer,
                    RestFault.Timeout => FaultKind.RestTimeout,
                    RestFault.ConnectionReset => FaultKind.RestConnectionReset,
                    RestFault.AnswerLost => FaultKind.RestAnswerLost,
                    _ => throw new ArgumentOutOfRangeException(nameof(request), injected, null),
                });
            }

            return fault;
        }
    }

    public bool FailsWaitFetch(string callSid)
    {
        lock (_gate)
        {
            var fails = _failWaitFetchOf.Remove(callSid) || (_faults is { WaitFetchFailureRate: > 0 } faults && _random!.NextDouble() < faults.WaitFetchFailureRate);
            if (fails)
            {
                counts.Add(FaultKind.WaitFetchFailed);
            }

            return fails;
        }
    }

    private RestFault? OneShot(RestRequest request)
    {
        var index = _nextRest.FindIndex(n => n.Where(request));
        if (index < 0)
        {
            return null;
        }

        var fault = _nextRest[index].Fault;
        _nextRest.RemoveAt(index);
        return fault;
    }

    /// <summary>One draw per request that may fail, so the same seed and the same requests give the same faults.</summary>
    private RestFault? Drawn(RestRequest request)
    {
        if (_faults is not { } faults || (faults.RestFilter is { } filter && !filter(request)))
        {
            return null;
        }

        var draw = _random!.NextDouble();
        foreach (var (fault, rate) in Rates(faults))
        {
            if (draw < rate)
            {
                return fault;
            }

            draw -= rate;
        }

        return null;
    }

    private static IEnumerable<(RestFault, double)> Rates(TwilioFaults faults) =>
    [
        (RestFault.TooManyRequests, faults.TooManyRequestsRate),
        (RestFault.ServerError, faults.ServerErrorRate),
        (RestFault.ServiceUnavailable, faults.ServiceUnavailableRate),
        (RestFault.SlowAnswer, faults.SlowAnswerRate),
        (RestFault.Timeout, faults.TimeoutRate),
        (RestFault.ConnectionReset, faults.ConnectionResetRate),
        (RestFault.AnswerLost, faults.AnswerLostRate),
    ];
}
