using System.Diagnostics;
using OpenTelemetry.Trace;
using WarmTransfer.Benchmarks;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Tests.Scenarios;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Agents;

namespace WarmTransfer.Tests.Operations;

/// <summary>A transfer through the real host and the Twilio emulator moves the metrics, and its traces reach from a webhook into the grains and out to Twilio.</summary>
[Trait("Tier", Tier.Http)]
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly int _metricsPort = FreePort.Next();
    private CallCenter _center = null!;
    private ScopedMeterReader _meters = null!;

    public async Task InitializeAsync()
    {
        _center = await CallCenter.StartAsync(
            configure: settings =>
            {
                settings["Telemetry:Prometheus"] = "true";
                settings["Telemetry:PrometheusPort"] = _metricsPort.ToString();
                settings["urls"] += $";http://127.0.0.1:{_metricsPort}";
            },
            services: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans)));
        _meters = new ScopedMeterReader(_center.Host.Services, WarmTransferMetrics.MeterName);
        await _center.ConnectAsync("alice");
        await _center.ConnectAsync("bob");
    }

    public async Task DisposeAsync()
    {
        _meters.Dispose();
        await _center.DisposeAsync();
    }

    [Fact]
    public async Task A_call_and_a_transfer_move_the_gauges_the_counters_and_the_scrape()
    {
        var (caller, _) = await _center.CallAnsweredByAsync("alice");
        Assert.Equal(1, _meters.Gauge("warmtransfer.calls{state=talking}"));
        Assert.Equal(0, _meters.Gauge("warmtransfer.calls{state=in_transfer}"));
        Assert.Equal(1, _meters.Gauge("warmtransfer.agents{presence=on_call}"));
        Assert.Equal(1, _meters.Gauge("warmtransfer.agents{presence=available}"));

        await _center.CommandAsync("alice", "transfer", new TransferRequest("bob"));
        _center.Twilio.Answer(await _center.Twilio.RingingAsync("bob"));
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);
        Assert.Equal(1, _meters.Gauge("warmtransfer.calls{state=in_transfer}"));
        Assert.Equal(0, _meters.Gauge("warmtransfer.calls{state=talking}"));
        Assert.Equal(1, _meters.Total("warmtransfer.transfers.started"));

        await _center.CommandAsync("alice", "transfer/complete");
        await Eventually.Until(() => Task.FromResult(_meters.Total("warmtransfer.transfers.completed")), n => n == 1, "the completed transfer to be counted");
        Assert.Equal(0, _meters.Total("warmtransfer.transfers.failed"));
        Assert.Equal(1, _meters.Gauge("warmtransfer.calls{state=talking}"));
        Assert.True(_meters.Total("warmtransfer.twilio.rest.duration{operation=DialAgent,outcome=ok}") >= 2, "alice and bob were dialled");
        Assert.True(_meters.Total("warmtransfer.twilio.rest.duration{operation=SetEndConferenceOnExit,outcome=ok}") >= 2);

        using var prometheus = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}") };
        var scrape = await Eventually.Until(() => prometheus.GetStringAsync("/metrics"), text => text.Contains("warmtransfer_transfers_completed_total"), "the scrape to show the transfer");
        using var publicPort = _center.Host.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await publicPort.GetAsync("/metrics")).StatusCode);
        Assert.Contains("warmtransfer_calls{", scrape);
        Assert.Contains("warmtransfer_agents{", scrape);
        Assert.Contains("warmtransfer_twilio_rest_duration_seconds_bucket{", scrape);
        Assert.Matches("warmtransfer_queue_wait_duration_seconds_bucket\\{[^}]*le=\"0.5\"", scrape);
        Assert.Matches("warmtransfer_twilio_rest_duration_seconds_bucket\\{[^}]*le=\"0.05\"", scrape);
        Assert.Contains("warmtransfer_queue_requests_total{", scrape);
        Assert.Contains("http_server_request_duration_seconds_bucket{", scrape);
        Assert.Contains("http_route=\"/conference/connect/client\"", scrape);
    }

    [Fact]
    public async Task A_transfer_that_is_not_answered_is_counted_as_failed_with_its_reason()
    {
        var (caller, _) = await _center.CallAnsweredByAsync("alice");

        await _center.CommandAsync("alice", "transfer", new TransferRequest("bob"));
        _center.Twilio.Reject(await _center.Twilio.RingingAsync("bob"));
        await Eventually.Until(() => Task.FromResult(_meters.Total("warmtransfer.transfers.failed{reason=busy}")), n => n == 1, "the busy target to be counted");

        Assert.Equal(1, _meters.Total("warmtransfer.transfers.started"));
        Assert.Equal(0, _meters.Total("warmtransfer.transfers.completed"));
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Connected);
    }

    [Fact]
    public async Task A_caller_served_from_the_line_is_counted_as_told_and_handed_an_agent_with_its_wait()
    {
        await _center.CallAnsweredByAsync("alice");
        await _center.CallAnsweredByAsync("bob");
        var waiting = _center.Twilio.DialIn(_center.VoiceUrl);
        await _center.WaitForPhaseAsync(waiting.Sid, ConferencePhase.Queued);
        await Eventually.Until(() => Task.FromResult(_meters.Total("warmtransfer.queue.requests{outcome=not_served}")), n => n >= 1, "the waiting caller's request to be counted");
        Assert.Equal(0, _meters.Total("warmtransfer.queue.told"));

        await _center.ConnectAsync("carol");
        _center.Twilio.Answer(await _center.Twilio.RingingAsync("carol"));
        await _center.WaitForPhaseAsync(waiting.Sid, ConferencePhase.Connected);

        Assert.Equal(1, _meters.Total("warmtransfer.queue.told"));
        Assert.Equal(3, _meters.Total("warmtransfer.queue.requests{outcome=handed_out}"));
        Assert.Equal(0, _meters.Total("warmtransfer.queue.requests{outcome=none_left}"));
        Assert.Equal(3, _meters.Total("warmtransfer.queue.wait.duration"));
    }

    [Fact]
    public async Task A_webhook_s_trace_contains_the_grain_call_and_the_twilio_rest_call()
    {
        var (caller, _) = await _center.CallAnsweredByAsync("alice");
        await _center.CommandAsync("alice", "transfer", new TransferRequest("bob"));
        _center.Twilio.Answer(await _center.Twilio.RingingAsync("bob"));
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Consulting);

        var spans = Snapshot();
        var webhookTraces = spans
            .Where(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.route") is string route && route.StartsWith("/conference/", StringComparison.Ordinal))
            .Select(s => s.TraceId)
            .ToHashSet();
        var complete = webhookTraces.Where(trace =>
            spans.Any(s => s.TraceId == trace && s.Source.Name == "Microsoft.Orleans.Application" && s.DisplayName.Contains("ConferenceGrain", StringComparison.Ordinal))
            && spans.Any(s => s.TraceId == trace && s.Source.Name == WarmTransferTracing.SourceName && s.DisplayName.StartsWith("Twilio ", StringComparison.Ordinal))
            && spans.Any(s => s.TraceId == trace && s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client)).ToList();

        Assert.True(complete.Count > 0,
            $"No webhook trace holds a grain call, a Twilio operation and its HTTP request. Spans: {string.Join("; ", spans.Select(s => $"{s.Source.Name}:{s.DisplayName}:{s.TraceId}"))}");
    }

    /// <summary>The exporter adds spans from other threads: copy without enumerating, skipping a slot being filled.</summary>
    private List<Activity> Snapshot() => [.. _spans.ToArray().Where(s => s is not null)];
}
