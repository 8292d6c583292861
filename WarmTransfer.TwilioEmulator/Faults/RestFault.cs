namespace WarmTransfer.TwilioEmulator;

/// <summary>What can go wrong with one REST request.</summary>
public enum RestFault
{
    TooManyRequests,
    ServerError,
    ServiceUnavailable,
    SlowAnswer,
    Timeout,
    ConnectionReset,
    AnswerLost,
}
