using System.Globalization;

namespace WarmTransfer.Benchmarks;

/// <summary>What to run, from the command line: <c>--workloads 1,3 --duration 10 --warmup 3 --smoke</c>.</summary>
public sealed record BenchmarkOptions
{
    public IReadOnlySet<int> Workloads { get; init; } = new HashSet<int> { 1, 2, 3, 4, 5, 6 };

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    public int[] InFlight { get; init; } = [16, 64, 500];

    /// <summary>The level the single-level passes run at (workload 6, workload 1's pass with the join): the second one given, if any.</summary>
    public int MiddleInFlight => InFlight.Length > 1 ? InFlight[1] : InFlight[0];

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

    /// <summary>The options with what each does, printed by <c>--help</c> and after a mistake on the command line.</summary>
    public const string Usage = """
        Usage: dotnet run -c Release --project WarmTransfer.Benchmarks -- [options]
          --smoke               a few seconds: small counts, checks that the run completes and its counts agree
          --workloads 1,2,...   which workloads to run (1-6; default all)
          --warmup s            seconds of load shown apart before each measured pass (default 3)
          --duration s          seconds each measured pass lasts (default 8)
          --in-flight 16,64,500 requests in flight for workloads 1 and 6
          --passes n            passes per level of workloads 1 and 6, with a median row when more than one
          --free-agents n       workload 2: agents made available (default 2000)
          --agents n            workload 3: agents taking calls (default 100)
          --rate n              workload 3: callers arriving per second (default 30)
          --calls-warmup s      workload 3: seconds of whole calls run unmeasured first (default 45; 0 skips)
          --waiting n           workload 4: callers waiting in line (default 100000)
          --active n            workload 5: active calls at rest (default 2000)
          --log-level Level     the server's log level (default Information)
          --redis-server path   workload 6: the redis-server to start (default: the one on the PATH)
          --out file.json       where the JSON goes (default benchmark-results.json)
          --dump-pause s        seconds to wait where memory is weighed, for dotnet-gcdump
          --help                this text
        """;

    /// <summary>Reads the command line; a mistake throws <see cref="ArgumentException"/> naming the option and what it takes.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke") ? Smallest : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Count(int least) => Number(name, Next(), least);
            options = name switch
            {
                "--smoke" => options,
                "--workloads" => options with { Workloads = List(name, Next(), least: 1, most: 6).ToHashSet() },
                "--warmup" => options with { WarmUp = Seconds(name, Next()) },
                "--duration" => options with { Duration = Seconds(name, Next(), least: 0.1) },
                "--in-flight" => options with { InFlight = List(name, Next(), least: 1, most: 100_000) },
                "--passes" => options with { Passes = Count(1) },
                "--free-agents" => options with { FreeAgents = Count(1) },
                "--agents" => options with { Agents = Count(2) },
                "--rate" => options with { CallersPerSecond = Count(1) },
                "--calls-warmup" => options with { WholeCallsWarmUp = Seconds(name, Next()) },
                "--waiting" => options with { WaitingCallers = Count(1) },
                "--active" => options with { ActiveCalls = Count(1) },
                "--log-level" => options with { LogLevel = LogLevelName(Next()) },
                "--redis-server" => options with { RedisServer = Next() },
                "--out" => options with { Output = Next() },
                "--dump-pause" => options with { DumpPause = Seconds(name, Next()).TotalSeconds },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Number(string option, string value, int least, int most = int.MaxValue) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= least && number <= most
            ? number
            : throw new ArgumentException($"{option} takes a whole number {(most == int.MaxValue ? $"of at least {least}" : $"from {least} to {most}")}, not '{value}'.");

    private static int[] List(string option, string value, int least, int most) =>
        value.Split(',').Select(item => Number(option, item, least, most)).ToArray();

    private static TimeSpan Seconds(string option, string value, double least = 0) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= least && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{option} takes seconds from {least} to 86400, not '{value}'.");

    private static string LogLevelName(string value) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(value, out _)
            ? level.ToString()
            : throw new ArgumentException($"--log-level takes one of {string.Join(", ", Enum.GetNames<Microsoft.Extensions.Logging.LogLevel>())}, not '{value}'.");
}
