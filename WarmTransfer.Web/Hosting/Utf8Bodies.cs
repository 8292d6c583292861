using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// Request bodies are read as UTF-8 only: JSON is UTF-8 by definition, Twilio and the console send UTF-8. Any other
/// declared charset is the client's fault and gets 415 before anything reads the body (the framework's readers would
/// throw on it: an unknown encoding, or UTF-7, which .NET refuses). charset="utf-8", quoted, means UTF-8 and is accepted.
/// </summary>
public sealed class Utf8Bodies(RequestDelegate next, RejectionLog rejections)
{
    private const string Utf8 = "utf-8";

    public Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.Headers.ContentType.Count == 0 || http.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || HasNoParameters(request))
        {
            return next(http);
        }

        if (request.Headers.ContentType.Count > 1 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return Refuse(http, "Unsupported content type", "The Content-Type header is not one media type.");
        }

        var charsets = mediaType.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count == 0)
        {
            return next(http);
        }

        var declared = charsets.Select(p => HeaderUtilities.RemoveQuotes(p.Value).Value ?? "").ToList();
        if (declared is not [var charset] || !charset.Equals(Utf8, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(http, "Unsupported charset",
                $"Request bodies are read as UTF-8; charset '{Shorten(string.Join(", ", declared))}' is not supported. Send UTF-8 (charset=utf-8) or no charset.");
        }

        // The framework's readers take the charset as written; quoted, they would look up an encoding named "utf-8" with quotes.
        charsets[0].Value = Utf8;
        request.ContentType = mediaType.ToString();
        return next(http);
    }

    private Task Refuse(HttpContext http, string title, string detail)
    {
        rejections.Refused(RejectionKind.UnsupportedBody, http.Request, detail);
        return Problems.Status(StatusCodes.Status415UnsupportedMediaType, title, detail).ExecuteAsync(http);
    }

    /// <summary>The header Twilio and the console send, without a charset: nothing to parse or change.</summary>
    private static bool HasNoParameters(HttpRequest request) =>
        request.Headers.ContentType is [{ } contentType] &&
        (contentType.Equals(FormBodies.UrlEncoded, StringComparison.OrdinalIgnoreCase) || contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
