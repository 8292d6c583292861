using WarmTransfer.Benchmarks;

namespace WarmTransfer.Tests.Benchmarks;

/// <summary>What the benchmark reads from redis-server's INFO commandstats, and how it shows it per call.</summary>
[Trait("Tier", Tier.Rules)]
public sealed class RedisActivityTests
{
    private static KeyValuePair<string, string> Stat(string command, long calls) => new($"cmdstat_{command}", $"calls={calls},usec={calls * 20},usec_per_call=20.00,rejected_calls=0,failed_calls=0");

    [Fact]
    public void Script_calls_count_as_writes_and_hgetall_as_reads()
    {
        var activity = RedisActivity.From(TimeSpan.FromSeconds(2), [Stat("evalsha", 90), Stat("eval", 10), Stat("hgetall", 40), Stat("hget", 500), Stat("info", 3)]);

        Assert.Equal(new RedisActivity(TimeSpan.FromSeconds(2), 100, 40), activity);
    }

    [Fact]
    public void A_pass_is_what_was_done_since_it_began_shown_per_call()
    {
        var before = RedisActivity.From(TimeSpan.FromSeconds(1), [Stat("evalsha", 100), Stat("hgetall", 10)]);
        var after = RedisActivity.From(TimeSpan.FromSeconds(3), [Stat("evalsha", 500), Stat("eval", 5), Stat("hgetall", 60)]);

        var pass = after.Since(before);

        Assert.Equal("redis-server 10.000 ms CPU per call besides, 2.0 writes and 0.3 reads per call", pass.Per(200, "call"));
        Assert.Equal(new Dictionary<string, double> { ["redisCpuMsEach"] = 10, ["redisWritesEach"] = 2.025, ["redisReadsEach"] = 0.25 }, RedisActivity.Figures(pass, 200).ToDictionary());
        Assert.Empty(RedisActivity.Figures(pass, 0));
        Assert.Empty(RedisActivity.Figures(null, 200));
    }
}
