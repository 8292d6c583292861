using WarmTransfer.Benchmarks;

namespace WarmTransfer.Tests.Benchmarks;

/// <summary>Runs the benchmark with its JSON written to a file of its own, read back and deleted.</summary>
internal static class SmokeRuns
{
    public static async Task<(BenchmarkReport Report, string Json)> RunAsync(BenchmarkOptions options)
    {
        var json = Path.Combine(Path.GetTempPath(), $"benchmark-smoke-{Guid.NewGuid():N}.json");
        try
        {
            var report = await new BenchmarkRun(options with { Output = json }, TextWriter.Null).RunAsync();
            return (report, await File.ReadAllTextAsync(json));
        }
        finally
        {
            File.Delete(json);
        }
    }
}
