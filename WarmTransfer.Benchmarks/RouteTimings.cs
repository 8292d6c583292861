using System.Collections.Concurrent;
using System.Diagnostics;

namespace WarmTransfer.Benchmarks;

/// <summary>Times every request the server answers, per route pattern, and counts 5xx answers.</summary>
public sealed class RouteTimings : IStartupFilter
{
    private ConcurrentDictionary<string, Latencies> _routes = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            var started = Stopwatch.GetTimestamp();
            await inner(context);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "?";
            _routes.GetOrAdd(route, _ => new Latencies()).Add(Stopwatch.GetTimestamp() - started, context.Response.StatusCode < 500);
        });
        next(app);
    };

    /// <summary>Starts counting afresh (after a warm-up).</summary>
    public void Reset() => _routes = new();

    public IReadOnlyDictionary<string, LatencySummary> Summaries() =>
        _routes.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Value.Summary());
}
