using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Operations;

[Trait("Tier", Tier.Http)]
public sealed class TelemetryConfigurationTests
{
    [Fact]
    public async Task Prometheus_without_a_port_of_its_own_stops_the_start_with_the_reason()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => TestWebHost.StartAsync(s => s["Telemetry:Prometheus"] = "true"));

        Assert.Contains("Telemetry:Prometheus needs Telemetry:PrometheusPort", failure.ToString());
    }
}
