using System.Diagnostics;

namespace WarmTransfer.Benchmarks;

/// <summary>CPU time this process used, and time it was paused for garbage collection, since it was (re)started.</summary>
public sealed class CpuMeter
{
    private TimeSpan _start = Now;
    private TimeSpan _gcStart = GC.GetTotalPauseDuration();

    public TimeSpan Elapsed => Now - _start;

    /// <summary>With server GC every core collects during a pause, so this share of the wall clock is about GC's share of the CPU.</summary>
    public TimeSpan GcPaused => GC.GetTotalPauseDuration() - _gcStart;

    public void Restart()
    {
        _start = Now;
        _gcStart = GC.GetTotalPauseDuration();
    }

    private static TimeSpan Now
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
