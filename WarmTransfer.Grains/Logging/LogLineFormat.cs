using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WarmTransfer.Grains.Logging;

/// <summary>
/// How a line reads on the console: Microsoft's simple console format on one line,
/// <c>info: WarmTransfer.Grains.Conferences.ConferenceGrain[2082974425] Call CA… Arrived</c>, scopes after " => ",
/// an exception on the lines below.
/// </summary>
public static class LogLineFormat
{
    public static void Append(StringBuilder text, in LogLine line, BatchedConsoleOptions options)
    {
        if (options.TimestampFormat is { } format)
        {
            var timestamp = options.UseUtcTimestamp ? line.Timestamp.UtcDateTime : line.Timestamp.LocalDateTime;
            text.Append(timestamp.ToString(format, CultureInfo.InvariantCulture));
        }

        text.Append(LevelName(line.Level)).Append(": ").Append(line.Category)
            .Append('[').Append(line.EventId).Append("] ").Append(line.Message);
        if (line.Scopes is { Length: > 0 } scopes)
        {
            text.Append(" => ").Append(scopes);
        }

        text.Append('\n');
        if (line.Exception is { } exception)
        {
            text.Append(exception).Append('\n');
        }
    }

    /// <summary>The scopes around a line: key:value pairs of structured scopes, or the scope's text.</summary>
    public static string Scopes(IExternalScopeProvider scopes)
    {
        var text = new StringBuilder();
        scopes.ForEachScope(static (scope, text) =>
        {
            if (text.Length > 0)
            {
                text.Append(" => ");
            }

            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                var first = true;
                foreach (var (key, value) in pairs)
                {
                    text.Append(first ? "" : ", ").Append(key).Append(':').Append(value);
                    first = false;
                }
            }
            else
            {
                text.Append(scope);
            }
        }, text);
        return text.ToString();
    }

    /// <summary>The four-letter names Microsoft's console logger uses, so lines read the same as before.</summary>
    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
