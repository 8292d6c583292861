using System.Diagnostics;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// A closed-loop load generator: a fixed number of requests in flight, each sent as soon as the previous one was answered,
/// so the server's answer time sets the pace (as wrk does). Latencies of the warm-up are kept apart from the steady state.
/// </summary>
public sealed class ClosedLoopLoad(HttpClient http)
{
    /// <summary>Runs the load; <c>then</c> gives a request a worker sends right after the one given is answered (Twilio's next callback for that call).</summary>
    public async Task<LoadResult> RunAsync(string name, int inFlight, TimeSpan warmUp, TimeSpan duration, Func<SignedRequest?> next, Func<SignedRequest, SignedRequest?>? then = null)
    {
        var warm = new Latencies();
        var steady = new Latencies();
        var clock = Stopwatch.StartNew();
        var warmUntil = Stopwatch.Frequency * warmUp.Ticks / TimeSpan.TicksPerSecond;
        var endAt = warmUntil + Stopwatch.Frequency * duration.Ticks / TimeSpan.TicksPerSecond;
        var cpu = new CpuMeter();
        var steadyStarted = false;
        var gate = new object();

        async Task Worker()
        {
            SignedRequest? followUp = null;
            while (clock.ElapsedTicks < endAt && (followUp ?? next()) is { } request)
            {
                followUp = followUp is null ? then?.Invoke(request) : null;
                var started = clock.ElapsedTicks;
                bool ok;
                try
                {
                    using var message = request.ToMessage();
                    using var response = await http.SendAsync(message);
                    await response.Content.ReadAsByteArrayAsync();
                    ok = (int)response.StatusCode < 500;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                var took = clock.ElapsedTicks - started;
                if (started < warmUntil)
                {
                    warm.Add(took, ok);
                    continue;
                }

                lock (gate)
                {
                    if (!steadyStarted)
                    {
                        steadyStarted = true;
                        cpu.Restart();
                    }
                }

                steady.Add(took, ok);
            }
        }

        var warmCpu = new CpuMeter();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(Worker)));
        var steadyCpu = cpu.Elapsed;
        var steadySeconds = Math.Max(1e-9, (Math.Min(clock.ElapsedTicks, endAt) - warmUntil) / (double)Stopwatch.Frequency);
        return new LoadResult(name, inFlight, warm.Summary(), warmUp > TimeSpan.Zero ? warm.Count / warmUp.TotalSeconds : 0, steady.Summary(), steady.Count / steadySeconds,
            steady.Count == 0 ? 0 : steadyCpu.TotalSeconds / steady.Count, warmCpu.Elapsed.TotalSeconds, cpu.GcPaused.TotalSeconds / steadySeconds);
    }
}

/// <summary>One load run: warm-up and steady state apart; CPU seconds are the whole benchmark process's (server, emulator and generator).</summary>
public sealed record LoadResult(
    string Name,
    int InFlight,
    LatencySummary WarmUp,
    double WarmUpPerSecond,
    LatencySummary Steady,
    double PerSecond,
    double CpuSecondsPerRequest,
    double CpuSecondsTotal,
    double SteadyGcPausedShare);
