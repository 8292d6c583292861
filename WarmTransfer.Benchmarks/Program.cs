namespace WarmTransfer.Benchmarks;

public static class BenchmarkProgram
{
    /// <summary>
    /// <c>dotnet run -c Release --project WarmTransfer.Benchmarks -- [options]</c>; exits 1 when a count disagrees or a 5xx was
    /// seen, 2 when the command line is wrong.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.Out.Write(BenchmarkOptions.Usage);
            return 0;
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException mistake)
        {
            Console.Error.WriteLine(mistake.Message);
            Console.Error.Write(BenchmarkOptions.Usage);
            return 2;
        }

        var report = await new BenchmarkRun(options, Console.Out).RunAsync();
        return report.Problems.Count == 0 ? 0 : 1;
    }
}
