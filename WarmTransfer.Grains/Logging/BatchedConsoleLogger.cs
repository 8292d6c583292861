using Microsoft.Extensions.Logging;

namespace WarmTransfer.Grains.Logging;

/// <summary>Formats the message on the caller's thread (its state may not outlive the call) and hands it to the writer.</summary>
internal sealed class BatchedConsoleLogger(string category, BatchedConsoleLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var options = provider.Options;
        provider.Writer.Enqueue(new LogLine(
            options.TimestampFormat is null ? default : DateTimeOffset.UtcNow,
            logLevel,
            category,
            eventId.Id,
            formatter(state, exception),
            options.IncludeScopes ? LogLineFormat.Scopes(provider.Scopes) : null,
            exception?.ToString()));
    }
}
