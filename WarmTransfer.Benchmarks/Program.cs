using WarmTransfer.Benchmarks;

var options = BenchmarkOptions.Parse(args);
var report = await new BenchmarkRun(options, Console.Out).RunAsync();
return report.Problems.Count == 0 ? 0 : 1;
