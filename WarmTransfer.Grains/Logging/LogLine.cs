using Microsoft.Extensions.Logging;

namespace WarmTransfer.Grains.Logging;

/// <summary>One log entry as the request thread hands it over: already formatted, so nothing it points to can change later.</summary>
public readonly record struct LogLine(
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Category,
    int EventId,
    string Message,
    string? Scopes,
    string? Exception);
