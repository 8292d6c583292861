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

    [Fact]
    public async Task Without_an_exporter_grain_calls_run_without_trace_filters_and_with_one_they_carry_trace_context()
    {
        await using (var quiet = await TestWebHost.StartAsync())
        {
            Assert.Empty(quiet.Services.GetServices<IIncomingGrainCallFilter>());
            Assert.Empty(quiet.Services.GetServices<IOutgoingGrainCallFilter>());
        }

        await using var exporting = await TestWebHost.StartAsync(s => (s["Telemetry:Prometheus"], s["Telemetry:PrometheusPort"]) = ("true", FreePort.Next().ToString()));
        Assert.NotEmpty(exporting.Services.GetServices<IIncomingGrainCallFilter>());
        Assert.NotEmpty(exporting.Services.GetServices<IOutgoingGrainCallFilter>());
    }
}
