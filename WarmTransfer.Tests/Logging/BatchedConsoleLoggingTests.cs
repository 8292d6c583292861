using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Logging;

namespace WarmTransfer.Tests.Logging;

[Trait("Tier", Tier.Rules)]
public sealed class BatchedConsoleLoggingTests
{
    private const string Category = "WarmTransfer.Grains.Conferences.ConferenceGrain";

    [Fact]
    public void Lines_queued_behind_a_slow_console_are_written_in_order_in_one_write()
    {
        var console = BehindASlowConsole(
            first: log => log.LogInformation("line {Number}", 0),
            queued: log =>
            {
                for (var i = 1; i <= 500; i++)
                {
                    log.LogInformation("line {Number}", i);
                }
            });

        var lines = console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 501).Select(i => $"info: {Category}[0] line {i}"), lines);
        Assert.Equal(2, console.Writes);
    }

    [Fact]
    public void A_full_queue_drops_new_lines_and_says_how_many()
    {
        var console = BehindASlowConsole(
            first: log => log.LogWarning("first"),
            queued: log =>
            {
                for (var i = 0; i < 50; i++)
                {
                    log.LogWarning("queued {Number}", i);
                }
            },
            o => o.QueueLength = 10);

        var lines = console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.Equal($"warn: {Category}[0] queued 9", lines[10]);
        Assert.Equal($"warn: {typeof(BatchedConsoleWriter).FullName}[0] 40 log line(s) dropped: the console could not keep up", lines[11]);
    }

    [Fact]
    public void Scopes_timestamps_and_exceptions_are_written_when_asked()
    {
        var console = new GatedStream(holdFirstWrite: false);
        using (var logs = Logs(console, o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy ";
            o.UseUtcTimestamp = true;
        }))
        {
            var log = logs.CreateLogger(Category);
            using var scope = log.BeginScope(new CallLogScope("CA1", "CF1")); // what a conference puts around its lines
            log.LogError(new EventId(7), new InvalidOperationException("boom"), "Call {CallSid} failed", "CA1");
        }

        var year = DateTime.UtcNow.Year;
        Assert.StartsWith($"{year} fail: {Category}[7] Call CA1 failed => CallSid:CA1, ConferenceSid:CF1\nSystem.InvalidOperationException: boom\n", console.Text);
    }

    [Fact]
    public void A_conference_scope_gives_its_sids_as_structured_pairs()
    {
        KeyValuePair<string, object?>[] pairs = [new("CallSid", "CA1"), new("ConferenceSid", null)];

        Assert.Equal(pairs, new CallLogScope("CA1", null));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_survive_a_batch_that_spans_many_chunks()
    {
        var line = string.Concat(Enumerable.Repeat("\U0001F600", 31)); // surrogate pairs, at odd and even offsets alike
        var console = BehindASlowConsole(
            first: log => log.LogInformation("first"),
            queued: log =>
            {
                for (var i = 0; i < 900; i++)
                {
                    log.LogInformation("{Text}", line);
                }
            });

        var lines = console.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(901, lines.Length);
        Assert.All(lines.Skip(1), written => Assert.Equal($"info: {Category}[0] {line}", written));
    }

    [Fact]
    public void Levels_below_the_configured_one_are_not_written()
    {
        var console = new GatedStream(holdFirstWrite: false);
        using (var logs = Logs(console))
        {
            var log = logs.CreateLogger(Category);
            log.LogDebug("detail");
            log.LogInformation("milestone");
        }

        Assert.Equal($"info: {Category}[0] milestone\n", console.Text);
    }

    /// <summary>Logs <paramref name="first"/>, holds the console's write of it while <paramref name="queued"/> logs, then lets the console go.</summary>
    private static GatedStream BehindASlowConsole(Action<ILogger> first, Action<ILogger> queued, Action<BatchedConsoleOptions>? configure = null)
    {
        var console = new GatedStream(holdFirstWrite: true);
        using (var logs = Logs(console, configure))
        {
            var log = logs.CreateLogger(Category);
            first(log);
            Assert.True(console.FirstWriteStarted.Wait(TimeSpan.FromSeconds(10)), "the first line was never written");
            queued(log);
            console.Release();
        }

        return console;
    }

    private static ILoggerFactory Logs(Stream console, Action<BatchedConsoleOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information));
        services.Configure<BatchedConsoleOptions>(o => configure?.Invoke(o));
        services.AddSingleton<ILoggerProvider>(s => new BatchedConsoleLoggerProvider(s.GetRequiredService<IOptionsMonitor<BatchedConsoleOptions>>(), console));
        return new DisposingFactory(services.BuildServiceProvider());
    }

    /// <summary>Disposing the factory disposes the provider, which writes what is queued.</summary>
    private sealed class DisposingFactory(ServiceProvider services) : ILoggerFactory
    {
        private readonly ILoggerFactory _factory = services.GetRequiredService<ILoggerFactory>();

        public void AddProvider(ILoggerProvider provider) => _factory.AddProvider(provider);

        public ILogger CreateLogger(string categoryName) => _factory.CreateLogger(categoryName);

        public void Dispose() => services.Dispose();
    }
}
