using System.Text;
using Microsoft.Net.Http.Headers;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// Reads a form asynchronously (never request.Form, which blocks a thread until a slow client has sent everything),
/// within the host's limits (Kestrel's body size, FormOptions' counts and lengths); a body the client got wrong is a 4xx with the reason.
/// </summary>
public sealed class FormBodies(RejectionLog rejections)
{
    public const string UrlEncoded = "application/x-www-form-urlencoded";
    public const string Multipart = "multipart/form-data";

    public static bool IsUrlEncoded(HttpRequest request) => HasMediaType(request, UrlEncoded);

    public async Task<(IFormCollection? Form, ProblemHttpResult? Refusal)> ReadAsync(HttpRequest request, bool allowMultipart)
    {
        if (!IsUrlEncoded(request) && !(allowMultipart && HasMediaType(request, Multipart)))
        {
            return (null, Refuse(request, RejectionKind.UnsupportedBody, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                allowMultipart ? $"Send the form as {UrlEncoded} or {Multipart}." : $"Send the form as {UrlEncoded}."));
        }

        try
        {
            return (await request.ReadFormAsync(request.HttpContext.RequestAborted), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Unreadable(request, ex.StatusCode, ex.Message));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, Unreadable(request, StatusCodes.Status400BadRequest, ex.Message));
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or DecoderFallbackException)
        {
            // A multipart section declaring a charset .NET will not decode (UTF-7) or does not know.
            return (null, Refuse(request, RejectionKind.UnsupportedBody, StatusCodes.Status415UnsupportedMediaType, "Unsupported charset",
                "Form fields are read as UTF-8; a part declares a charset that is not supported."));
        }
    }

    private ProblemHttpResult Unreadable(HttpRequest request, int status, string reason) =>
        Refuse(request, RejectionKind.UnreadableBody, status, "Unreadable request body", reason);

    private ProblemHttpResult Refuse(HttpRequest request, RejectionKind kind, int status, string title, string detail)
    {
        rejections.Refused(kind, request, detail);
        return Problems.Status(status, title, detail);
    }

    /// <summary>The usual exact header (Twilio's) is recognised without parsing it.</summary>
    private static bool HasMediaType(HttpRequest request, string mediaType) =>
        string.Equals(request.ContentType, mediaType, StringComparison.OrdinalIgnoreCase) ||
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) && parsed.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase);
}
