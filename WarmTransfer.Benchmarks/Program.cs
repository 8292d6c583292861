namespace WarmTransfer.Benchmarks;

public static class BenchmarkProgram
{
    /// <summary><c>dotnet run -c Release --project WarmTransfer.Benchmarks -- [options]</c>; exits 1 when a count disagrees or a 5xx was seen.</summary>
    public static async Task<int> Main(string[] args)
    {
        var report = await new BenchmarkRun(BenchmarkOptions.Parse(args), Console.Out).RunAsync();
        return report.Problems.Count == 0 ? 0 : 1;
    }
}
