using System.Collections.Concurrent;

namespace WarmTransfer.Tests.Support;

/// <summary>Every log line a host writes (message, scope and exception), so tests can search them.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>
    /// A line logged by our code or ASP.NET Core. Orleans' own watchdog reports on the thread pool of the whole test
    /// process, which every test's hosts share and load, so a test's log checks leave it out.
    /// </summary>
    public static bool FromOurCodeOrAspNetCore(string line) => line.Contains(" WarmTransfer.") || line.Contains(" Microsoft.AspNetCore.");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
