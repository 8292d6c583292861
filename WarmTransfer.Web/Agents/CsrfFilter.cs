using Microsoft.AspNetCore.Antiforgery;

namespace WarmTransfer.Web.Agents;

/// <summary>State-changing requests must carry the antiforgery token from GET /account/session in the X-CSRF-TOKEN header.</summary>
public sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "CSRF token missing or invalid",
                    $"Send the token from GET /account/session in the {HeaderName} header.");
            }
        }

        return await next(context);
    }
}
