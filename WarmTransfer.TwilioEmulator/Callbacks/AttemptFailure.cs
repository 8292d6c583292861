namespace WarmTransfer.TwilioEmulator;

/// <summary>Why an attempt at a webhook got no HTTP answer: the two failures Twilio retries.</summary>
internal enum AttemptFailure
{
    ConnectionFailed,
    TimedOut,
}
