using System.Globalization;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// What redis-server has done so far: its CPU, and the commands it ran (<c>INFO commandstats</c>). Orleans' Redis grain
/// storage writes a grain's state with a script (EVALSHA, or EVAL the first time) and reads it with HGETALL.
/// </summary>
public sealed record RedisActivity(TimeSpan Cpu, long Writes, long Reads)
{
    /// <summary>Reads the counts from <c>INFO commandstats</c> lines such as <c>cmdstat_evalsha:calls=93148,usec=...</c>.</summary>
    public static RedisActivity From(TimeSpan cpu, IEnumerable<KeyValuePair<string, string>> commandStats)
    {
        var calls = commandStats.ToDictionary(s => s.Key, s => Calls(s.Value));
        return new RedisActivity(cpu, calls.GetValueOrDefault("cmdstat_evalsha") + calls.GetValueOrDefault("cmdstat_eval"), calls.GetValueOrDefault("cmdstat_hgetall"));
    }

    public RedisActivity Since(RedisActivity before) => new(Cpu - before.Cpu, Writes - before.Writes, Reads - before.Reads);

    /// <summary>
    /// Per call or per transfer, for a row's notes. The CPU column is the benchmark process's alone; this is redis-server's
    /// share over the whole pass (warm-up included: redis-server compiles nothing, so its cost per call does not change as
    /// the pass warms up).
    /// </summary>
    public string Per(long count, string what) => Each(count) is { } each
        ? $"redis-server {each.CpuMilliseconds:0.000} ms CPU per {what} besides, {each.Writes:0.0} writes and {each.Reads:0.0} reads per {what}"
        : $"no {what} to divide redis-server's work by";

    /// <summary>For a row's figures: redis-server's CPU (ms), writes and reads per call or transfer; none without Redis or calls.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Figures(RedisActivity? done, long count) => done?.Each(count) is { } each
        ? [new("redisCpuMsEach", each.CpuMilliseconds), new("redisWritesEach", each.Writes), new("redisReadsEach", each.Reads)]
        : [];

    private (double CpuMilliseconds, double Writes, double Reads)? Each(long count) =>
        count == 0 ? null : (Cpu.TotalMilliseconds / count, Writes / (double)count, Reads / (double)count);

    private static long Calls(string stats)
    {
        foreach (var field in stats.Split(','))
        {
            if (field.StartsWith("calls=", StringComparison.Ordinal))
            {
                return long.Parse(field.AsSpan("calls=".Length), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
