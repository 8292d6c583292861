namespace WarmTransfer.TwilioEmulator;

/// <summary>What chaos does to one status callback: lost, how late, its repeat, and what goes wrong with its first attempt.</summary>
internal sealed record CallbackFate(bool Lost, int DelayMilliseconds, NetworkJob? Duplicate, AttemptFailure? FirstAttempt)
{
    private static readonly CallbackFate Untouched = new(false, 0, null, null);

    /// <summary>Drawn from the seed and the callback's place in Twilio's order only, not from how deliveries happen to interleave.</summary>
    public static CallbackFate Of(CallbackChaos? chaos, NetworkJob job)
    {
        if (chaos is null || job is not StatusCallbackPost)
        {
            return Untouched;
        }

        var dice = new Random(DiceSeed(chaos.Seed, job.Sequence, job.IsRepeat));
        var lost = dice.NextDouble() < chaos.LossProbability && !job.IsRepeat;
        var delay = dice.Next(chaos.MaxDelayMilliseconds + 1);
        var duplicate = dice.NextDouble() < chaos.DuplicateProbability && !job.IsRepeat
            // Half the repeats as a retry (same idempotency token), half as a fresh delivery.
            ? dice.Next(2) == 0 ? job : job with { IdempotencyToken = Guid.NewGuid().ToString() }
            : null;
        var firstAttempt = dice.NextDouble() switch
        {
            var d when d < chaos.ConnectionFailureProbability => AttemptFailure.ConnectionFailed,
            var d when d < chaos.ConnectionFailureProbability + chaos.TimeoutProbability => AttemptFailure.TimedOut,
            _ => (AttemptFailure?)null,
        };
        return new CallbackFate(lost, delay, duplicate, firstAttempt);
    }

    /// <summary>
    /// The same number in every process for the same inputs (HashCode.Combine is salted per process, so a seed replayed in
    /// another run drew other fates); SplitMix64's finaliser spreads neighbouring sequence numbers apart.
    /// </summary>
    private static int DiceSeed(int seed, long sequence, bool isRepeat)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) ^ ((ulong)sequence << 1) ^ (isRepeat ? 1UL : 0UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
