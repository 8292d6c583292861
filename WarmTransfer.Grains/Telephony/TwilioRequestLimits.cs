using System.Threading.RateLimiting;

namespace WarmTransfer.Grains.Telephony;

/// <summary>
/// How many REST requests this process has at Twilio at once. Twilio refuses an account's requests beyond its
/// concurrency limit (error 20429, https://www.twilio.com/docs/api/errors/20429: "Throttle or queue requests to reduce
/// concurrent API calls to Twilio until you remain under concurrency limits"); the page gives no number. Without a bound,
/// thousands of calls checking Twilio at once (after their callbacks were lost) opened a connection each until the
/// machine ran out of file descriptors and the process died.
/// Checks (reads) take at most half the slots and wait in a short line: a check turned away fails at once, before it is
/// sent, and runs again at its next due time, so dials, holds and hang-ups always find a slot within their time budget.
/// </summary>
public sealed class TwilioRequestLimits : IDisposable
{
    /// <summary>Requests that change something (a dial, a hold, a hang-up) waiting per slot before they too are turned away.</summary>
    private const int ChangesWaitingPerSlot = 64;

    public TwilioRequestLimits(int maxConcurrentRequests)
    {
        All = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = maxConcurrentRequests,
            QueueLimit = maxConcurrentRequests * ChangesWaitingPerSlot,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        Checks = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, maxConcurrentRequests / 2),
            QueueLimit = maxConcurrentRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Every request, retries included, holds one of these from its first attempt to its last.</summary>
    public RateLimiter All { get; }

    /// <summary>
    /// A check holds one of these as well, before it waits for a slot in <see cref="All"/>. Taken outside the resilience
    /// pipeline: Polly's refusal builds a stack trace string per refused request, which cost most of the CPU in a flood of checks.
    /// </summary>
    public RateLimiter Checks { get; }

    public void Dispose()
    {
        All.Dispose();
        Checks.Dispose();
    }
}
