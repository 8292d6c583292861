using Microsoft.AspNetCore.Diagnostics;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// Exceptions that say the client sent something unreadable (too big, a broken form). They keep their 4xx as
/// ProblemDetails and are counted as refusals, not logged as errors with a stack trace that anyone could multiply.
/// A grain call the cluster could not answer (a silo lost mid-call, a timeout) is a 503, never a 500: the request may be
/// tried again once membership has settled.
/// </summary>
public static class ClientFaults
{
    public static int StatusCode(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        OrleansException or TimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static bool SuppressDiagnostics(ExceptionHandlerSuppressDiagnosticsContext context)
    {
        if (StatusCode(context.Exception) is >= 500)
        {
            return false;
        }

        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<RejectionLog>().Refused(RejectionKind.UnreadableBody, http.Request, context.Exception.Message);
        return true;
    }
}
