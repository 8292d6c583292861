using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// Lets a request through only if Twilio signed it: X-Twilio-Signature checked by the Twilio SDK's RequestValidator
/// over the public URL Twilio called and every form parameter. Nothing reaches a grain before this passes.
/// A gate, in this order: what needs no body (content type, a well-formed signature header) is checked first; the
/// signature covers the form, so the form is then read, asynchronously and within the limits, and the signature checked.
/// </summary>
public sealed class TwilioSignatureFilter(
    IOptionsMonitor<TwilioOptions> twilio,
    PublicUrls urls,
    FormBodies forms,
    RejectionLog rejections) : IRequestGate
{
    public const string SignatureHeader = "X-Twilio-Signature";

    /// <summary>An HMAC-SHA1 is 20 bytes: 28 characters of base64.</summary>
    private const int SignatureBytes = 20;
    private const int SignatureLength = (SignatureBytes + 2) / 3 * 4;

    public async ValueTask<IResult?> CheckAsync(HttpContext http)
    {
        var request = http.Request;
        if (twilio.CurrentValue.AuthToken is not { Length: > 0 } authToken)
        {
            return Problems.TwilioNotConfigured(twilio.CurrentValue.Missing(TwilioKey.AuthToken), "Webhook signatures cannot be checked");
        }

        if (!FormBodies.IsUrlEncoded(request))
        {
            rejections.Refused(RejectionKind.UnsupportedBody, request, "not form-encoded");
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                $"Twilio webhooks are posted as {FormBodies.UrlEncoded}.");
        }

        if (!IsWellFormed(request.Headers[SignatureHeader]))
        {
            rejections.Refused(RejectionKind.UnsignedWebhook, request, "missing or malformed signature");
            return Problems.Status(StatusCodes.Status403Forbidden, "Missing Twilio signature",
                $"The {SignatureHeader} header is required: one HMAC-SHA1 signature in base64.");
        }

        var (form, refusal) = await forms.ReadAsync(request, allowMultipart: false);
        if (refusal is not null)
        {
            return refusal;
        }

        // What the SDK's NameValueCollection overload builds, without that collection's culture-aware key hashing: one entry
        // per name, repeated values joined with commas (StringValues.ToString, as NameValueCollection's indexer does).
        var parameters = new Dictionary<string, string>(form!.Count, StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            parameters[key] = values.ToString();
        }

        if (!SignatureValidators.For(authToken).Validate(urls.RequestedUrl(request), parameters, request.Headers[SignatureHeader].ToString()))
        {
            rejections.Refused(RejectionKind.ForgedWebhook, request, "signature does not match");
            return Problems.Status(StatusCodes.Status403Forbidden, "Invalid Twilio signature",
                $"The {SignatureHeader} header does not match this request. Check that WarmTransfer:PublicBaseUrl is the URL Twilio calls.");
        }

        return null;
    }

    private static bool IsWellFormed(Microsoft.Extensions.Primitives.StringValues header)
    {
        Span<byte> signature = stackalloc byte[SignatureBytes + 3];
        return header is [{ Length: SignatureLength } value] && Convert.TryFromBase64String(value, signature, out var length) && length == SignatureBytes;
    }
}
