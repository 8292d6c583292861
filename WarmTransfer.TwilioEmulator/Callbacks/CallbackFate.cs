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

        var dice = new Random(HashCode.Combine(chaos.Seed, job.Sequence, job.IsRepeat));
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
}
