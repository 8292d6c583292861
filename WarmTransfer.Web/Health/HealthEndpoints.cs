using WarmTransfer.Grains.Hosting;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WarmTransfer.Web.Health;

/// <summary>/health/live: the process answers. /health/ready: it can take calls (grains reachable, Twilio configured), each check with its reason.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddWarmTransferHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<GrainsHealthCheck>("grains", tags: [ReadyTag])
            .AddCheck<TwilioConfigurationHealthCheck>("twilio", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(configuration[$"{OrleansHostingOptions.Section}:{nameof(OrleansHostingOptions.RedisConnectionString)}"]))
        {
            services.AddSingleton<RedisHealthCheck>();
            checks.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
