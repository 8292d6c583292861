using StackExchange.Redis;

namespace WarmTransfer.Grains.Hosting;

/// <summary>How every connection to Redis is made: from the configured connection string, on .NET's thread pool.</summary>
public static class RedisConnectionOptions
{
    /// <summary>
    /// StackExchange.Redis reads replies on its own threads by default and hands each completion on to the thread pool, a
    /// wake-up and a context switch per reply. Every conference transition is a Redis write, so those threads took ~11% of
    /// the CPU in the benchmark's whole calls; on the thread pool, the reply is read where its continuation then runs.
    /// </summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
