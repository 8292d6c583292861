using System.Globalization;
using Orleans.TestingHost;
using StackExchange.Redis;
using WarmTransfer.Benchmarks;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// The queue's grouped writes on the production store: a real Redis, whose writes check and renew each record's ETag,
/// and whose writes to different records run side by side; pages of the line left empty are deleted from it.
/// </summary>
[Trait("Tier", Tier.Cluster)]
public sealed class RedisQueueTests
{
    [Fact]
    public async Task Callers_joining_and_leaving_all_at_once_are_stored_in_line_order_and_pages_left_empty_are_deleted()
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

        // In two halves, so that the first half is exactly the first 1,000 arrivals: pages 0 to 30, and part of page 31.
        await Task.WhenAll(callers[..1_000].Select(c => queue.RequestAgentAsync(c.CallSid, c.WaitingSince)));
        await Task.WhenAll(callers[1_000..].Select(c => queue.RequestAgentAsync(c.CallSid, c.WaitingSince)));
        var leaving = callers.Where((_, i) => i < 1_000 || i % 3 == 0).Select(c => c.CallSid).ToHashSet();
        await Task.WhenAll(leaving.Select(queue.WithdrawAsync));
        await cluster.DeactivateAsync(queue);

        var stayed = callers.Select(c => c.CallSid).Where(c => !leaving.Contains(c)).ToArray();
        Assert.Equal(stayed, (await queue.GetAsync()).WaitingConferences.ToArray());
        var pageCount = (int)(2_000 / LinePages.PageSize) + 1;
        Assert.Equal(Enumerable.Range(31, pageCount - 31), await StoredNumbersAsync(redis, "queue-page-"));
        Assert.Equal(Enumerable.Range(31, pageCount - 31), await StoredNumbersAsync(redis, "queue-pages-"));
    }

    /// <summary>The numbers of the records named <paramref name="prefix"/>N that Redis holds: emptied ones are deleted.</summary>
    private static async Task<int[]> StoredNumbersAsync(RedisServer redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var numbers = new List<int>();
        foreach (var key in server.Keys(pattern: $"*{prefix}*").Select(key => (string)key!))
        {
            if (int.TryParse(key[(key.LastIndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..], CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        return [.. numbers.Order()];
    }
}
