using System.Collections.Specialized;
using Microsoft.Extensions.Options;
using Twilio.Security;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// Lets a request through only if Twilio signed it: X-Twilio-Signature checked by the Twilio SDK's RequestValidator
/// over the public URL Twilio called and every form parameter. Nothing reaches a grain before this passes.
/// </summary>
public sealed partial class TwilioSignatureFilter(
    IOptionsMonitor<TwilioOptions> twilio,
    PublicUrls urls,
    ILogger<TwilioSignatureFilter> log) : IEndpointFilter
{
    public const string SignatureHeader = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (twilio.CurrentValue.AuthToken is not { Length: > 0 } authToken)
        {
            return Problems.TwilioNotConfigured(twilio.CurrentValue.Missing(TwilioKey.AuthToken), "Webhook signatures cannot be checked");
        }

        if (!request.HasFormContentType)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Twilio webhooks are posted as application/x-www-form-urlencoded.");
        }

        if (request.Headers[SignatureHeader] is not [{ Length: > 0 } signature])
        {
            LogRejected(log, request.Path, "missing signature");
            return Problems.Status(StatusCodes.Status403Forbidden, "Missing Twilio signature", $"The {SignatureHeader} header is required.");
        }

        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        var parameters = new NameValueCollection();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                parameters.Add(key, value);
            }
        }

        var url = urls.RequestedUrl(request);
        if (!new RequestValidator(authToken).Validate(url, parameters, signature))
        {
            LogRejected(log, request.Path, "signature does not match");
            return Problems.Status(StatusCodes.Status403Forbidden, "Invalid Twilio signature",
                $"The {SignatureHeader} header does not match this request. Check that WarmTransfer:PublicBaseUrl is the URL Twilio calls.");
        }

        return await next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected webhook to {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, PathString path, string reason);
}
