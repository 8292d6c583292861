using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        var telemetry = TelemetryOptions.From(builder.Configuration);
        if (!telemetry.AnyExporter)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                // Created with the meter provider, so the gauges are there before the first grain activates.
                metrics.AddInstrumentation(services => services.GetRequiredService<WarmTransferMetrics>())
                    .AddMeter(WarmTransferMetrics.MeterName, "Microsoft.Orleans")
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

    /// <summary>With Telemetry:Prometheus, answers GET /metrics on connections to Telemetry:PrometheusPort (a local port, not the Host header, which anyone can write).</summary>
    public static IApplicationBuilder UsePrometheusScraping(this IApplicationBuilder app)
    {
        var telemetry = TelemetryOptions.From(app.ApplicationServices.GetRequiredService<IConfiguration>());
        if (telemetry is { Prometheus: true, PrometheusPort: { } port })
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Connection.LocalPort == port && http.Request.Path == "/metrics");
        }

        return app;
    }

    private static bool IsOperationsRequest(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
