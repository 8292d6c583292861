namespace WarmTransfer.TwilioEmulator;

/// <summary>Work Twilio does after answering a REST request or after something happens on a call.</summary>
internal abstract record NetworkJob(Uri Url, string Method, IReadOnlyDictionary<string, string> Form)
{
    public string IdempotencyToken { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The emulator broke this request on purpose: it fails without asking the app, and no answer to it is held against the app.</summary>
    public bool FailedByInjection { get; init; }

    /// <summary>Its place in the order Twilio emitted requests (a repeat keeps its original's).</summary>
    public long Sequence { get; init; }

    /// <summary>True for a repeat chaos sent of a callback already delivered; a repeat is not repeated again.</summary>
    public bool IsRepeat { get; init; }
}

/// <summary>Fetching TwiML that tells a call (or a waiting or held participant) what to do; part of the call's flow, never reordered.</summary>
internal sealed record TwimlFetch(FakeCall Call, TwimlPurpose Purpose, Uri Url, string Method, IReadOnlyDictionary<string, string> Form)
    : NetworkJob(Url, Method, Form);

/// <summary>A status callback: a notification the app may receive late, twice or out of order.</summary>
internal sealed record StatusCallbackPost(string Kind, Uri Url, string Method, IReadOnlyDictionary<string, string> Form)
    : NetworkJob(Url, Method, Form);

internal enum TwimlPurpose
{
    Call,
    Wait,
    Hold,
}
