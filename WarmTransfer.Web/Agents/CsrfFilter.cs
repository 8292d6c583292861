using Microsoft.AspNetCore.Antiforgery;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Agents;

/// <summary>
/// State-changing requests must carry the antiforgery token from GET /account/session in the X-CSRF-TOKEN header.
/// A gate, so a request without it is refused before its body is read.
/// </summary>
public sealed class CsrfFilter(IAntiforgery antiforgery, RejectionLog rejections) : IRequestGate
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<IResult?> CheckAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return null;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException ex)
        {
            rejections.Refused(RejectionKind.MissingCsrfToken, http.Request, ex.Message);
            return Problems.Status(StatusCodes.Status403Forbidden, "CSRF token missing or invalid",
                $"Send the token from GET /account/session in the {HeaderName} header.");
        }
    }
}
