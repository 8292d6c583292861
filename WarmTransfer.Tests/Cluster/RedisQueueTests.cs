using Orleans.TestingHost;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// The queue's grouped writes on the production store: a real Redis, whose writes check and renew each record's ETag,
/// and whose writes to different records run side by side.
/// </summary>
[Trait("Tier", Tier.Cluster)]
public sealed class RedisQueueTests
{
    [Fact]
    public async Task Callers_joining_and_leaving_all_at_once_are_stored_in_line_order()
    {
        await using var redis = await RedisServer.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddWarmTransferRedisStorage(redis.ConnectionString);
            silo.AddWarmTransferGrains(new ConfigurationBuilder().Build());
            silo.Services.AddSingleton<ITelephony>(new RecordingTelephony());
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var queue = cluster.Client.GetGrain<IQueueGrain>("line-" + Guid.NewGuid().ToString("N"));
        var start = DateTimeOffset.UtcNow;
        var callers = Enumerable.Range(0, 2_000).Select(i => (CallSid: Sid.Call(), WaitingSince: start.AddMilliseconds(i))).ToArray();

        await Task.WhenAll(callers.Select(c => queue.RequestAgentAsync(c.CallSid, c.WaitingSince)));
        var leaving = callers.Where((_, i) => i % 3 == 0).Select(c => c.CallSid).ToHashSet();
        await Task.WhenAll(leaving.Select(queue.WithdrawAsync));
        await cluster.DeactivateAsync(queue);

        var stayed = callers.Select(c => c.CallSid).Where(c => !leaving.Contains(c)).ToArray();
        Assert.Equal(stayed, (await queue.GetAsync()).WaitingConferences.ToArray());
    }
}
