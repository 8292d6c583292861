
namespace WarmTransfer.Web.Hosting;

public static class WarmTransferPipeline
{
    public static WebApplication UseWarmTransferPipeline(this WebApplication app)
    {
        // Malformed requests (too big, unreadable forms) are the client's fault: keep their 4xx, as ProblemDetails.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
