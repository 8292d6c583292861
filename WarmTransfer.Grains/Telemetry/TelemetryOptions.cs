using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>Configuration section "Telemetry": where metrics and traces go. Nothing is exported unless asked.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serve a Prometheus scrape endpoint at /metrics.</summary>
    public bool Prometheus { get; set; }

    /// <summary>With it, /metrics answers only requests that arrive on this port (listen on it too, e.g. --urls "http://0.0.0.0:8080;http://0.0.0.0:9464").</summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>Send metrics and traces over OTLP (gRPC by default, e.g. http://collector:4317; OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf for 4318).</summary>
    public Uri? OtlpEndpoint { get; set; }

    public bool AnyExporter => Prometheus || OtlpEndpoint is not null;
}
