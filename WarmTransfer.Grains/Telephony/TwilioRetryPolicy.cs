namespace WarmTransfer.Grains.Telephony;

/// <summary>How hard a REST request to Twilio is retried. The total stays well inside an agent's patience and a webhook's 15 s.</summary>
public sealed record TwilioRetryPolicy(int MaxRetries, TimeSpan FirstDelay, TimeSpan AttemptTimeout, TimeSpan TotalTimeout)
{
    public static readonly TwilioRetryPolicy Default = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
}
