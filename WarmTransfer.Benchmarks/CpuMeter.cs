using System.Diagnostics;

namespace WarmTransfer.Benchmarks;

/// <summary>CPU time this process used since it was (re)started.</summary>
public sealed class CpuMeter
{
    private TimeSpan _start = Now;

    public TimeSpan Elapsed => Now - _start;

    public void Restart() => _start = Now;

    private static TimeSpan Now
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }
}
