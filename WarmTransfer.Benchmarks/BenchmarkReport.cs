using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace WarmTransfer.Benchmarks;

/// <summary>The rows of a run, printed as a plain table and written as JSON with the machine they ran on.</summary>
public sealed class BenchmarkReport
{
    private readonly List<ResultRow> _rows = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public List<string> Problems { get; } = [];

    public void Add(ResultRow row, TextWriter output)
    {
        _rows.Add(row);
        output.WriteLine(Format(row));
        output.Flush();
    }

    public static string Header =>
        $"{"workload",-44} {"per s",9} {"× bare",7} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} {"CPU ms/call",11}  notes";

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}";

    public static string Format(ResultRow row)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{row.Workload,-44} {row.PerSecond,9:0.0} {(row.RatioToBare is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "-"),7} {L(row.Latency?.P50)} {L(row.Latency?.P90)} {L(row.Latency?.P99)} {L(row.Latency?.Max)} {row.CpuMillisecondsPerCall,11:0.000}  {row.Notes}"));
        foreach (var (route, latency) in row.Routes ?? new Dictionary<string, LatencySummary>())
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    {route,-40} {latency.Requests,9} req {"",7} {L(latency.P50)} {L(latency.P90)} {L(latency.P99)} {L(latency.Max)}  {latency.Errors} 5xx");
        }

        return text.ToString();
    }

    public void Write(string path, BenchmarkOptions options)
    {
        var json = JsonSerializer.Serialize(new { machine = Machine, at = DateTimeOffset.UtcNow, options = options.ToString(), rows = _rows, problems = Problems },
            new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(path, json);
    }

    private static string L(double? ms) => (ms is { } v ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "-").PadLeft(8);
}
