using WarmTransfer.Benchmarks;

namespace WarmTransfer.Tests.Benchmarks;

/// <summary>The benchmark in its smoke mode: not a timing test, only that it runs through and its counts agree.</summary>
[Trait("Tier", Tier.Scenarios)]
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Smoke_run_completes_every_transfer_it_starts_without_server_errors()
    {
        var (report, json) = await SmokeRuns.RunAsync(BenchmarkOptions.Smallest with { LogLevel = "Warning" });

        Assert.Empty(report.Problems);
        var wholeCallRows = report.Rows.Where(r => r.Workload.StartsWith("3 ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, wholeCallRows.Count); // the runtime warm-up run, then the measured one
        Assert.All(wholeCallRows.Select(r => r.Figures!), wholeCalls =>
        {
            Assert.True(wholeCalls["started"] > 0, "no call was started");
            Assert.Equal(wholeCalls["started"], wholeCalls["completed"]);
            Assert.Equal(0, wholeCalls["serverErrors"]);
            // Every caller that completed a transfer was handed the agent who answered it: the server's counters saw each.
            Assert.True(wholeCalls["queueHandedOutEach"] >= 1, $"{wholeCalls["queueHandedOutEach"]} hand-outs per call");
        });
        var incoming = report.Rows.Where(r => r.Workload.StartsWith("1 ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(incoming);
        Assert.All(incoming, row => Assert.Equal(0, row.Latency!.Errors));
        // Once Twilio reports the caller in their conference, the caller waits in line without an activation: only the
        // callers whose join a worker had not yet posted when the load stopped (one per request in flight) keep one.
        var joined = Assert.Single(incoming, r => r.Workload.Contains("participant-join", StringComparison.Ordinal));
        Assert.True(joined.Figures!["answered"] > 0);
        Assert.Equal(joined.Figures["answered"], joined.Figures["inLine"]);
        Assert.InRange(joined.Figures["conferencesActive"], 0, BenchmarkOptions.Smallest.InFlight[0]);
        Assert.Contains("\"rows\"", json);
    }

    [Fact]
    public async Task Smoke_run_of_active_calls_connects_every_call_and_weighs_the_server_apart_from_the_emulator()
    {
        var options = BenchmarkOptions.Smallest with { Workloads = new HashSet<int> { 5 }, LogLevel = "Warning" };

        var (report, _) = await SmokeRuns.RunAsync(options);

        Assert.Empty(report.Problems);
        var activeCalls = Assert.Single(report.Rows).Figures!;
        Assert.Equal(options.ActiveCalls, activeCalls["connected"]);
        Assert.Contains("serverBytesPerCall", activeCalls.Keys);
        Assert.Contains("emulatorBytesPerCall", activeCalls.Keys);
    }

    [Fact]
    public async Task A_workload_that_cannot_run_is_reported_and_the_others_figures_are_still_written()
    {
        var options = BenchmarkOptions.Smallest with { Workloads = new HashSet<int> { 5, 6 }, LogLevel = "Warning", RedisServer = "/nonexistent/redis-server" };

        var (report, json) = await SmokeRuns.RunAsync(options);

        var problem = Assert.Single(report.Problems);
        Assert.StartsWith("workload 6 failed: /nonexistent/redis-server could not be started", problem);
        Assert.Equal(options.ActiveCalls, Assert.Single(report.Rows).Figures!["connected"]);
        Assert.Contains("connected", json);
        Assert.Contains("/nonexistent/redis-server could not be started", json);
    }
}
