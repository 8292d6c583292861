using Twilio.Security;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// The Twilio SDK's <see cref="RequestValidator"/> for the auth token, one per thread. Creating one builds an HMAC-SHA1
/// and a SHA-256 (native handles left to the finalizer) for every webhook; one instance cannot be shared, as its HMAC
/// keeps state while it hashes. Validation is synchronous, so a thread's validator is never used by two requests at once.
/// </summary>
public static class SignatureValidators
{
    [ThreadStatic]
    private static Cached? _cached;

    public static RequestValidator For(string authToken)
    {
        if (_cached is { } cached && string.Equals(cached.AuthToken, authToken, StringComparison.Ordinal))
        {
            return cached.Validator;
        }

        var validator = new RequestValidator(authToken);
        _cached = new Cached(authToken, validator);
        return validator;
    }

    private sealed record Cached(string AuthToken, RequestValidator Validator);
}
