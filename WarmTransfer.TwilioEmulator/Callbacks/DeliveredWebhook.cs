namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// One attempt at a request the emulator made to the app, and the app's answer (Status 0: none). Attempts that never reached the app
/// (a lost callback, a failed connection, a failure injected) are listed too, with <see cref="ReachedApp"/> false.
/// </summary>
public sealed record DeliveredWebhook(
    string Kind,
    string Url,
    IReadOnlyDictionary<string, string> Form,
    string Signature,
    string IdempotencyToken,
    int Status,
    string Body)
{
    /// <summary>1 for the first attempt, 2 for Twilio's retry.</summary>
    public int Attempt { get; init; } = 1;

    public bool ReachedApp { get; init; } = true;

    /// <summary>The fault the emulator injected into this attempt, if any.</summary>
    public FaultKind? Fault { get; init; }
}
