using System.Diagnostics.Metrics;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// Requests refused for the client's own fault. Anyone can send them, so each is logged at Debug only (no stack trace)
/// and counted (metric warmtransfer.requests.refused); a Warning says how many, at most once per kind per interval.
/// </summary>
public sealed partial class RejectionLog
{
    public const string MeterName = "WarmTransfer.Web";

    public static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ILogger<RejectionLog> _log;
    private readonly Counter<long> _refused;
    private readonly Tally[] _tallies;

    public RejectionLog(TimeProvider time, ILogger<RejectionLog> log, IMeterFactory meters)
    {
        _time = time;
        _log = log;
        _refused = meters.Create(MeterName).CreateCounter<long>("warmtransfer.requests.refused", description: "Requests refused for the client's own fault");
        var now = time.GetUtcNow();
        _tallies = [.. Enum.GetValues<RejectionKind>().Select(_ => new Tally { Since = now, LastSummary = DateTimeOffset.MinValue })];
    }

    public void Refused(RejectionKind kind, HttpRequest request, string reason)
    {
        LogRefused(_log, kind, request.Method, request.Path, reason);
        _refused.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

        var tally = _tallies[(int)kind];
        lock (tally)
        {
            tally.Count++;
            var now = _time.GetUtcNow();
            if (now - tally.LastSummary < SummaryInterval)
            {
                return;
            }

            LogSummary(_log, tally.Count, kind, tally.Since);
            tally.Count = 0;
            tally.Since = now;
            tally.LastSummary = now;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Kind} {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, RejectionKind kind, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} request(s) of kind {Kind} since {Since:u}; each is logged at Debug level")]
    private static partial void LogSummary(ILogger logger, long count, RejectionKind kind, DateTimeOffset since);

    private sealed class Tally
    {
        public long Count;
        public DateTimeOffset Since;
        public DateTimeOffset LastSummary;
    }
}
