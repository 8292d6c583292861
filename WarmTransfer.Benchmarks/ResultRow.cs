namespace WarmTransfer.Benchmarks;

/// <summary>One line of the results table. Ratio is to the bare endpoint measured in the same run; CPU is the whole process's.</summary>
public sealed record ResultRow(
    string Workload,
    double PerSecond,
    double? RatioToBare,
    LatencySummary? Latency,
    double CpuMillisecondsPerCall,
    string Notes,
    IReadOnlyDictionary<string, LatencySummary>? Routes = null,
    IReadOnlyDictionary<string, double>? Figures = null);
