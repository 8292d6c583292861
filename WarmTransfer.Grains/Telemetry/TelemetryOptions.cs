using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>Configuration section "Telemetry": where metrics and traces go. Nothing is exported unless asked.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Serve a Prometheus scrape endpoint at /metrics, on <see cref="PrometheusPort"/> only.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// /metrics answers only connections made to this local port, never the port Twilio and agents reach (a reverse proxy
    /// or ngrok on the same machine would otherwise expose it). The host must listen on it too: --urls "http://0.0.0.0:5245;http://0.0.0.0:9464".
    /// </summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>Send metrics and traces over OTLP (gRPC by default, e.g. http://collector:4317; OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf for 4318).</summary>
    public Uri? OtlpEndpoint { get; set; }

    public bool AnyExporter => Prometheus || OtlpEndpoint is not null;

    public static TelemetryOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Prometheus && PrometheusPort is null)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Prometheus)} needs {Section}:{nameof(PrometheusPort)}, a port of its own that the host also listens on (--urls).", [nameof(PrometheusPort)]);
        }
    }
}
