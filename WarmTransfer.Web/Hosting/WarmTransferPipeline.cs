
namespace WarmTransfer.Web.Hosting;

public static class WarmTransferPipeline
{
    public static WebApplication UseWarmTransferPipeline(this WebApplication app)
    {
        // Malformed requests (too big, unreadable forms) are the client's fault: keep their 4xx, as ProblemDetails, without an error log.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ClientFaults.StatusCode,
            SuppressDiagnosticsCallback = ClientFaults.SuppressDiagnostics,
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseMiddleware<Utf8Bodies>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // After who and how often, before the endpoint binds its parameters (which reads the body).
        app.UseRequestGates();
        return app;
    }
}
