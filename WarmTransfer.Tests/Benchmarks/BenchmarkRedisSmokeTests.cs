using WarmTransfer.Benchmarks;

namespace WarmTransfer.Tests.Benchmarks;

/// <summary>Workload 6 in the smoke mode: workloads 1 and 3 on a real redis-server run through, with redis-server's CPU and commands shown.</summary>
[Trait("Tier", Tier.Cluster)]
public sealed class BenchmarkRedisSmokeTests
{
    [Fact]
    public async Task Smoke_run_on_Redis_completes_every_transfer_and_shows_redis_servers_own_CPU_and_commands()
    {
        var (report, _) = await SmokeRuns.RunAsync(BenchmarkOptions.Smallest with { Workloads = new HashSet<int> { 6 }, LogLevel = "Warning" });

        Assert.Empty(report.Problems);
        var measured = report.Rows.Where(r => r.Workload.StartsWith("6 ", StringComparison.Ordinal) && !r.Workload.Contains("warm-up", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, measured.Count); // incoming calls, then whole calls
        Assert.All(measured, row => Assert.Matches(@"redis-server \d+\.\d{3} ms CPU per (call|transfer) besides, \d+\.\d writes and \d+\.\d reads per", row.Notes));
        // Each caller is stored before the webhook answers; a whole transfer stores its conference at every step.
        var incomingCalls = measured.Single(r => r.Workload.Contains("incoming call", StringComparison.Ordinal)).Figures!;
        Assert.InRange(incomingCalls["redisWritesEach"], 1, 10);
        var wholeCalls = measured.Single(r => r.Workload.Contains("whole calls", StringComparison.Ordinal)).Figures!;
        Assert.InRange(wholeCalls["redisWritesEach"], 10, 200);
        Assert.True(wholeCalls["started"] > 0, "no call was started");
        Assert.Equal(wholeCalls["started"], wholeCalls["completed"]);
    }
}
