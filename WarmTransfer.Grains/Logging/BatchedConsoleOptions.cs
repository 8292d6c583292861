namespace WarmTransfer.Grains.Logging;

/// <summary>
/// Configuration section "Logging:BatchedConsole": our console log sink, used instead of Microsoft's console logger
/// unless <see cref="Enabled"/> is false. Its levels are set like any provider's (Logging:BatchedConsole:LogLevel:…).
/// </summary>
public sealed class BatchedConsoleOptions
{
    public const string Section = "Logging:BatchedConsole";

    /// <summary>False gives back Microsoft's console logger (configured under Logging:Console).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Lines waiting to be written; past this, new lines are dropped and counted rather than slowing requests down.</summary>
    public int QueueLength { get; set; } = 10_000;

    /// <summary>Appends the logging scopes (e.g. CallSid, ConferenceSid) to each line.</summary>
    public bool IncludeScopes { get; set; }

    /// <summary>A .NET date format for a timestamp before each line (e.g. "HH:mm:ss.fff "); none by default, as Microsoft's console logger.</summary>
    public string? TimestampFormat { get; set; }

    public bool UseUtcTimestamp { get; set; }
}
