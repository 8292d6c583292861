namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Twilio's failures the emulator injects, reproducibly from <see cref="Seed"/> (draws in the order requests arrive). All rates are
/// probabilities in [0, 1] and default to 0: nothing fails unless a test asks. Callbacks are mistreated by <see cref="CallbackChaos"/>.
/// </summary>
public sealed record TwilioFaults(int Seed)
{
    /// <summary>REST answered 429 (error 20429) with Retry-After, not executed.</summary>
    public double TooManyRequestsRate { get; init; }

    /// <summary>The Retry-After a 429 carries.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>REST answered 500 (error 20500), not executed.</summary>
    public double ServerErrorRate { get; init; }

    /// <summary>REST answered 503 (error 20503), not executed.</summary>
    public double ServiceUnavailableRate { get; init; }

    /// <summary>REST answered late (<see cref="SlowAnswerDelay"/>), then executed as usual.</summary>
    public double SlowAnswerRate { get; init; }

    public TimeSpan SlowAnswerDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>REST never answered (the client times out; the emulator gives up after <see cref="TimeoutHold"/>), not executed.</summary>
    public double TimeoutRate { get; init; }

    public TimeSpan TimeoutHold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>REST connection reset before anything was executed.</summary>
    public double ConnectionResetRate { get; init; }

    /// <summary>REST executed, then the connection reset before the answer: the client cannot tell it from a reset (a retried POST Calls.json dials twice).</summary>
    public double AnswerLostRate { get; init; }

    /// <summary>Which REST requests may meet a fault (all when null), e.g. <c>r =&gt; r.Method == "POST"</c>.</summary>
    public Func<RestRequest, bool>? RestFilter { get; init; }

    /// <summary>Fetches of a conference waitUrl that fail without reaching the app.</summary>
    public double WaitFetchFailureRate { get; init; }
}
