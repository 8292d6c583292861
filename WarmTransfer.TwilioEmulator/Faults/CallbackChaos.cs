namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// How the emulator mistreats status callbacks (never TwiML fetches, which keep their order per call), reproducibly from
/// <see cref="Seed"/>: each callback's fate (lost, late, twice, a failed first attempt) is drawn from the seed and its place in the
/// order Twilio emitted it; which pending callback goes next is drawn within <see cref="ReorderWindow"/>.
/// </summary>
// Assumption: Twilio may deliver status callbacks late, twice, out of order and several at once — no document promises order,
// exactly-once or one at a time, and Twilio sends SequenceNumber and I-Twilio-Idempotency-Token to cope with it.
public sealed record CallbackChaos(int Seed, double DuplicateProbability = 0.2, int ReorderWindow = 4, int MaxDelayMilliseconds = 15)
{
    /// <summary>Callbacks never sent and never retried.</summary>
    public double LossProbability { get; init; }

    /// <summary>Callbacks whose first attempt cannot connect; Twilio sends them once more (rc=1), so the app gets them once, late.</summary>
    public double ConnectionFailureProbability { get; init; }

    /// <summary>Callbacks whose first attempt reaches the app but whose answer Twilio never gets (a timeout): sent once more, so the app gets them twice.</summary>
    public double TimeoutProbability { get; init; }

    /// <summary>How many requests may be in flight to the app at once (1: one at a time). TwiML fetches of one call stay one at a time, in order.</summary>
    public int MaxInFlight { get; init; } = 1;
}
