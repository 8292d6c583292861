using System.Globalization;

namespace WarmTransfer.Benchmarks;

/// <summary>What to run, from the command line: <c>--workloads 1,3 --duration 10 --warmup 3 --smoke</c>.</summary>
public sealed record BenchmarkOptions
{
    public IReadOnlySet<int> Workloads { get; init; } = new HashSet<int> { 1, 2, 3, 4, 5, 6 };

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    public int[] InFlight { get; init; } = [16, 64, 500];

    /// <summary>Workloads 1 and 6: passes per level (bare endpoint, then server), with a row for the median ratio when more than one.</summary>
    public int Passes { get; init; } = 1;

    /// <summary>Workload 2: agents made available, one per incoming call.</summary>
    public int FreeAgents { get; init; } = 2_000;

    /// <summary>Workload 3: agents taking calls, and callers arriving per second.</summary>
    public int Agents { get; init; } = 100;

    public int CallersPerSecond { get; init; } = 30;

    /// <summary>
    /// Workload 3: whole calls first run this long, shown but not measured. Whole calls run code the incoming-call passes do
    /// not, at a far lower rate, so .NET takes longer to finish compiling it: in a profile the JIT took 19-25% of the CPU
    /// through the first ~40 s of workload 3 and under 1% after 60 s. Zero skips it.
    /// </summary>
    public TimeSpan WholeCallsWarmUp { get; init; } = TimeSpan.FromSeconds(45);

    public int WaitingCallers { get; init; } = 100_000;

    public int ActiveCalls { get; init; } = 2_000;

    public string LogLevel { get; init; } = "Information";

    /// <summary>Workload 6: the redis-server to start (a name on the PATH, or a path).</summary>
    public string RedisServer { get; init; } = "redis-server";

    public bool Smoke { get; init; }

    /// <summary>Seconds to stay at each point where memory is weighed, so a heap dump can be taken there (dotnet-gcdump collect -p pid).</summary>
    public double DumpPause { get; init; }

    public string Output { get; init; } = "benchmark-results.json";

    public static BenchmarkOptions Smallest => new()
    {
        Workloads = new HashSet<int> { 1, 3 },
        WarmUp = TimeSpan.FromSeconds(0.5),
        Duration = TimeSpan.FromSeconds(1),
        InFlight = [16],
        FreeAgents = 50,
        Agents = 6,
        CallersPerSecond = 4,
        WholeCallsWarmUp = TimeSpan.FromSeconds(1),
        WaitingCallers = 500,
        ActiveCalls = 20,
        Smoke = true,
    };

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke") ? Smallest : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--smoke" => options,
                "--workloads" => options with { Workloads = Next().Split(',').Select(int.Parse).ToHashSet() },
                "--warmup" => options with { WarmUp = Seconds(Next()) },
                "--duration" => options with { Duration = Seconds(Next()) },
                "--in-flight" => options with { InFlight = Next().Split(',').Select(int.Parse).ToArray() },
                "--passes" => options with { Passes = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--free-agents" => options with { FreeAgents = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--agents" => options with { Agents = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => options with { CallersPerSecond = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--calls-warmup" => options with { WholeCallsWarmUp = Seconds(Next()) },
                "--waiting" => options with { WaitingCallers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--active" => options with { ActiveCalls = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--log-level" => options with { LogLevel = Next() },
                "--redis-server" => options with { RedisServer = Next() },
                "--out" => options with { Output = Next() },
                "--dump-pause" => options with { DumpPause = double.Parse(Next(), CultureInfo.InvariantCulture) },
                var unknown => throw new ArgumentException($"Unknown option {unknown}. Options: --smoke --workloads 1,2,3,4,5,6 --warmup s --duration s --in-flight 16,64,500 --passes n --free-agents n --agents n --rate n --waiting n --active n --log-level Level --redis-server path --out file.json --dump-pause s"),
            };
        }

        return options;
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
