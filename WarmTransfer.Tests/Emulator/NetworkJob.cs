namespace WarmTransfer.Tests.Emulator;

/// <summary>Work Twilio does after answering a REST request or after something happens on a call.</summary>
internal abstract record NetworkJob(Uri Url, string Method, IReadOnlyDictionary<string, string> Form)
{
    public string IdempotencyToken { get; init; } = Guid.NewGuid().ToString();
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
