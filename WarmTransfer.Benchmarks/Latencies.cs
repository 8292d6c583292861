using System.Diagnostics;

namespace WarmTransfer.Benchmarks;

/// <summary>Request latencies (in stopwatch ticks) of one route, kept whole so percentiles are exact.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];
    private int _errors;

    public void Add(long ticks, bool ok)
    {
        lock (_ticks)
        {
            _ticks.Add(ticks);
            if (!ok)
            {
                _errors++;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_ticks)
            {
                return _ticks.Count;
            }
        }
    }

    public int Errors => _errors;

    public LatencySummary Summary()
    {
        long[] sorted;
        lock (_ticks)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        double At(double q) => sorted.Length == 0 ? 0 : Milliseconds(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))]);
        return new LatencySummary(sorted.Length, _errors, At(0.5), At(0.9), At(0.99), sorted.Length == 0 ? 0 : Milliseconds(sorted[^1]));
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public sealed record LatencySummary(int Requests, int Errors, double P50, double P90, double P99, double Max);
