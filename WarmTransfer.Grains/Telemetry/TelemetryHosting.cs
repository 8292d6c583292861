using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace WarmTransfer.Grains.Telemetry;

public static class TelemetryHosting
{
    /// <summary>Orleans' spans for calls into our grains (its runtime's own calls are left out: membership chatter).</summary>
    private const string OrleansGrainCalls = "Microsoft.Orleans.Application";

    /// <summary>Metrics (ours, Orleans', ASP.NET Core's, HttpClient's) and traces (webhook → grains → Twilio REST), exported as the "Telemetry" section asks.</summary>
    public static IHostApplicationBuilder AddWarmTransferTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.TryAddSingleton<WarmTransferMetrics>();
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var telemetry = Options(builder.Configuration);
        if (!telemetry.AnyExporter)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WarmTransferMetrics.MeterName, "Microsoft.Orleans")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (telemetry.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing => tracing
                .AddSource(WarmTransferTracing.SourceName, OrleansGrainCalls)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsOperationsRequest(http.Request.Path))
                .AddHttpClientInstrumentation());
        if (telemetry.OtlpEndpoint is { } endpoint)
        {
            otel.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, endpoint);
        }

        return builder;
    }

    /// <summary>Maps /metrics when Telemetry:Prometheus is on.</summary>
    public static IEndpointRouteBuilder MapWarmTransferTelemetry(this IEndpointRouteBuilder app)
    {
        var telemetry = Options(app.ServiceProvider.GetRequiredService<IConfiguration>());
        if (telemetry.Prometheus)
        {
            var scrape = app.MapPrometheusScrapingEndpoint();
            if (telemetry.PrometheusPort is { } port)
            {
                scrape.RequireHost($"*:{port}");
            }
        }

        return app;
    }

    private static bool IsOperationsRequest(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    private static TelemetryOptions Options(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
}
