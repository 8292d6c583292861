using System.Diagnostics;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// One request's attempts: the first, and Twilio's retries (rc) after a failed connection or a timeout, within the total time (tt);
/// an HTTP answer, whatever its status, is final. See <see cref="WebhookConnection"/> for the document it follows.
/// </summary>
internal sealed class WebhookAttempts(WebhookSender sender, FaultCounts counts, Action<DeliveredWebhook> record)
{
    /// <summary>Returns the last attempt, and whether its failure was injected (then nothing of it is held against the app).</summary>
    public async Task<(DeliveredWebhook Final, bool FailedByInjection)> DeliverAsync(NetworkJob job, AttemptFailure? injected, WebhookConnection connection, CancellationToken stop)
    {
        if (job.FailedByInjection)
        {
            var refused = sender.Describe(job, 0, "failed (injected)") with { ReachedApp = false, Fault = FaultKind.WaitFetchFailed };
            record(refused);
            return (refused, true);
        }

        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var injectedHere = attempt == 1 ? injected : null;
            var left = connection.TotalTime - clock.Elapsed;
            var timeout = left < connection.ReadTimeout ? left : connection.ReadTimeout;
            var (result, failure) = await AttemptAsync(job, injectedHere, connection, timeout, stop);
            result = result with { Attempt = attempt };
            record(result);
            // An injected failure costs no time against tt (an emulator shortcut); a real one may have used it all up.
            var outOfTime = injectedHere is null && ((failure == AttemptFailure.TimedOut && timeout >= left) || clock.Elapsed >= connection.TotalTime);
            if (failure is null || attempt > connection.RetryCount || outOfTime)
            {
                return (result, injectedHere is not null);
            }

            counts.Add(FaultKind.CallbackRetried);
        }
    }

    private async Task<(DeliveredWebhook Result, AttemptFailure? Failure)> AttemptAsync(NetworkJob job, AttemptFailure? injected, WebhookConnection connection, TimeSpan timeout, CancellationToken stop)
    {
        switch (injected)
        {
            case AttemptFailure.ConnectionFailed:
                counts.Add(FaultKind.CallbackConnectionFailed);
                return (sender.Describe(job, 0, "connection failed (injected)") with { ReachedApp = false, Fault = FaultKind.CallbackConnectionFailed }, injected);
            case AttemptFailure.TimedOut:
                // The app gets it and answers, but the answer is taken as never having come.
                counts.Add(FaultKind.CallbackTimedOut);
                var (ignored, _) = await sender.SendAsync(job, connection.ReadTimeout, stop);
                return (ignored with { Fault = FaultKind.CallbackTimedOut }, injected);
            default:
                return await sender.SendAsync(job, timeout > TimeSpan.Zero ? timeout : TimeSpan.FromMilliseconds(1), stop);
        }
    }
}
