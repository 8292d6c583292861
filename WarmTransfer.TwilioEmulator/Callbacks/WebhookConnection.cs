namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Twilio's webhook connection settings, defaults as documented in Twilio, "Webhooks (HTTP callbacks): Connection Overrides",
/// https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides: Read Timeout (rt) 15000 ms, Total time (tt) 15000 ms
/// ("The total time allowed for all timeouts including retries"), Retry count (rc) 1 ("The number of retry attempts Twilio will make
/// if its connection to your webhook fails"). Connect Timeout (ct) 5000 ms is fixed. The URL fragments themselves (#rc=…) are not read.
/// </summary>
// Assumption: by default a retry follows a failed connection or a timeout, never an HTTP answer (4xx/5xx) — the page offers
// "HTTP callback connection retries on failures/timeouts" and a Retry Policy (rp) to widen it, without spelling out rp's default.
// Assumption: the retry carries the same I-Twilio-Idempotency-Token as the first attempt (it is the same request).
public sealed record WebhookConnection
{
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(15000);

    public TimeSpan TotalTime { get; init; } = TimeSpan.FromMilliseconds(15000);

    public int RetryCount { get; init; } = 1;
}
