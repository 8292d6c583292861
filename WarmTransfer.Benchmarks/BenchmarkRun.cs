using System.Diagnostics;
using System.Globalization;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Benchmarks;

/// <summary>Runs the chosen workloads, each against a fresh host (so one workload's callers do not wait in the next one's queue).</summary>
public sealed class BenchmarkRun(BenchmarkOptions options, TextWriter output)
{
    private readonly BenchmarkReport _report = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 10_000, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
    private bool _runtimeWarm;
    private bool _wholeCallsWarm;

    public async Task<BenchmarkReport> RunAsync()
    {
        output.WriteLine($"Machine: {BenchmarkReport.Machine}; log level {options.LogLevel}; load: closed-loop HttpClient in this process");
        output.WriteLine(BenchmarkReport.Header);
        await using var bare = await BareEndpoint.StartAsync();
        await WorkloadAsync(1, () => IncomingCallsAsync(bare, "1 incoming call, no agent free", redis: null, options.InFlight));
        await WorkloadAsync(2, IncomingCallsWithFreeAgentsAsync);
        await WorkloadAsync(3, () => WholeCallsAsync("3 whole calls", redis: null));
        await WorkloadAsync(4, WaitingCallersAsync);
        await WorkloadAsync(5, ActiveCallsAsync);
        await WorkloadAsync(6, async () =>
        {
            await using var redis = await RedisServer.StartAsync(options.RedisServer);
            await IncomingCallsAsync(bare, "6 Redis: incoming call, no agent free", redis, [options.MiddleInFlight]);
            await WholeCallsAsync("6 Redis: whole calls", redis);
        });

        _report.Write(options.Output, options);
        output.WriteLine($"Written {Path.GetFullPath(options.Output)}");
        foreach (var problem in _report.Problems)
        {
            output.WriteLine($"PROBLEM: {problem}");
        }

        return _report;
    }

    /// <summary>Runs a chosen workload. One that fails is a problem in the report; the others still run and their figures are written.</summary>
    private async Task WorkloadAsync(int workload, Func<Task> run)
    {
        if (!options.Workloads.Contains(workload))
        {
            return;
        }

        try
        {
            await run();
        }
        catch (Exception ex)
        {
            output.WriteLine($"workload {workload} failed: {ex}");
            _report.Problems.Add($"workload {workload} failed: {ex.Message}");
        }
    }

    private async Task IncomingCallsAsync(BareEndpoint bare, string name, RedisServer? redis, int[] inFlights)
    {
        if (!_runtimeWarm)
        {
            // .NET compiles hot code again, optimized, as it runs: through a first pass in a process 11-16% of the CPU went to
            // the JIT and the server's CPU per call was 2.5 times what it was in the next pass. A server in production
            // runs warm, so the first pass is shown but is not a measurement.
            await IncomingCallsPassAsync(bare, $"{name} (runtime warm-up, not measured)", redis, inFlights[0], withJoin: false);
            _runtimeWarm = true;
        }

        foreach (var inFlight in inFlights)
        {
            await IncomingCallsLevelAsync(bare, name, redis, inFlight, withJoin: false);
        }

        if (redis is null)
        {
            await IncomingCallsLevelAsync(bare, $"{name}, each followed by its participant-join", redis, options.MiddleInFlight, withJoin: true);
        }
    }

    private async Task IncomingCallsLevelAsync(BareEndpoint bare, string name, RedisServer? redis, int inFlight, bool withJoin)
    {
        var ratios = new List<double>();
        for (var pass = 0; pass < options.Passes; pass++)
        {
            ratios.Add(await IncomingCallsPassAsync(bare, name, redis, inFlight, withJoin));
        }

        if (ratios.Count > 1)
        {
            ratios.Sort();
            var median = ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
            Add(new ResultRow($"{name}, {inFlight} in flight, median of {ratios.Count}", 0, median, null, 0,
                $"the passes above carry throughput and CPU; ratios to bare, lowest to highest: {string.Join(" / ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)))}"));
        }
    }

    /// <summary>
    /// One pass at one level: the bare endpoint, then a fresh server. Fresh, because the callers of a pass before are calls
    /// the emulator never placed, whose conferences go on asking Twilio's REST API about their unreported join. Returns the ratio.
    /// <paramref name="withJoin"/>: each caller's webhook is followed by the participant-join Twilio posts once the caller
    /// is in their conference, as in production. Without it, each conference keeps its activation (and asks Twilio after
    /// 15 s) while it awaits that report, which a pass's callers never send.
    /// </summary>
    private async Task<double> IncomingCallsPassAsync(BareEndpoint bare, string name, RedisServer? redis, int inFlight, bool withJoin)
    {
        var load = new ClosedLoopLoad(_http);
        await using var system = await SystemUnderTest.StartAsync(options.LogLevel, [], redis?.ConnectionString);
        var ceiling = await load.RunAsync("bare", inFlight, options.WarmUp, options.Duration, () => SignedRequest.IncomingCall(bare.BaseUrl));
        Add(Row($"  bare Kestrel endpoint, {inFlight} in flight", ceiling, null));
        var redisBefore = redis is null ? null : await redis.ActivityAsync();
        var measured = await load.RunAsync(name, inFlight, options.WarmUp, options.Duration, () => SignedRequest.IncomingCall(system.BaseUrl),
            withJoin ? incoming => incoming.CallerJoined(system.BaseUrl) : null);
        var routes = system.Timings.Summaries();
        var answered = routes.TryGetValue(SignedRequest.IncomingCallRoute, out var incoming) ? incoming.Requests - incoming.Errors : 0;
        var catchingUp = Stopwatch.StartNew();
        var inLine = await LineAsync(system.Grains.GetGrain<IQueueGrain>(QueueNames.Support), answered);
        var held = await ActiveConferencesAsync(system);
        var redisDone = redis is null ? null : (await redis.ActivityAsync()).Since(redisBefore!);
        var redisNote = redisDone is null ? "" : $"; {redisDone.Per(answered, "call")}";
        var requestsPerCaller = answered == 0 ? 1 : routes.Values.Sum(r => r.Requests) / (double)answered;
        var joinNote = withJoin ? $"; per s and CPU are per request: {measured.PerSecond / requestsPerCaller:0} callers/s, {measured.CpuSecondsPerRequest * requestsPerCaller * 1000:0.000} ms CPU per caller" : "";
        var row = Row($"{name}, {inFlight} in flight", measured, ceiling.PerSecond);
        Add(row with { Notes = $"{row.Notes}; {inLine:N0} of {answered:N0} answered callers in line {catchingUp.Elapsed.TotalSeconds:0.0} s after the load, {held:N0} conferences active{redisNote}{joinNote}", Routes = routes,
            Figures = new Dictionary<string, double>(RedisActivity.Figures(redisDone, answered)) { ["answered"] = answered, ["inLine"] = inLine, ["conferencesActive"] = held } });
        CheckNoServerErrors(name, measured);
        if (inLine < answered)
        {
            _report.Problems.Add($"{name}, {inFlight} in flight: only {inLine:N0} of {answered:N0} answered callers reached the line");
        }

        return measured.PerSecond / ceiling.PerSecond;
    }

    private async Task IncomingCallsWithFreeAgentsAsync()
    {
        await using var system = await SystemUnderTest.StartAsync(options.LogLevel, []);
        _ = new BrowserPhones(system.Twilio); // rings are left ringing: each caller takes one free agent
        for (var i = 0; i < options.FreeAgents; i++)
        {
            await system.Grains.GetGrain<IAgentGrain>($"free{i}").ConnectAsync();
        }

        var left = options.FreeAgents;
        var result = await new ClosedLoopLoad(_http).RunAsync("2", 16, TimeSpan.Zero, TimeSpan.FromMinutes(2),
            () => Interlocked.Decrement(ref left) >= 0 ? SignedRequest.IncomingCall(system.BaseUrl) : null);
        // Thousands of dials and their ringing callbacks are still being delivered when the load stops.
        await system.Twilio.QuietAsync(TimeSpan.FromMinutes(2));
        var rung = system.Twilio.Calls.Count(c => c.ClientIdentity is not null);
        var steady = result.Steady;
        Add(new ResultRow("2 incoming call, agent free (dialled), 16 in flight", result.PerSecond, null, steady,
            result.CpuSecondsPerRequest * 1000, $"{rung} of {steady.Requests} agents rung; CPU includes the emulator ringing them",
            system.Timings.Summaries()));
        if (rung != steady.Requests)
        {
            _report.Problems.Add($"workload 2: {steady.Requests} callers but {rung} agents rung");
        }

        CheckNoServerErrors("workload 2", result);
    }

    private async Task WholeCallsAsync(string name, RedisServer? redis)
    {
        if (!_wholeCallsWarm && options.WholeCallsWarmUp > TimeSpan.Zero)
        {
            await WholeCallsPassAsync($"{name} (runtime warm-up, not measured)", redis, TimeSpan.Zero, options.WholeCallsWarmUp);
        }

        _wholeCallsWarm = true;
        await WholeCallsPassAsync(name, redis, options.WarmUp, options.Duration);
    }

    private async Task WholeCallsPassAsync(string name, RedisServer? redis, TimeSpan warmUp, TimeSpan duration)
    {
        var agentIds = Enumerable.Range(0, options.Agents).Select(i => $"agent{i}").ToList();
        await using var system = await SystemUnderTest.StartAsync(options.LogLevel, agentIds, redis?.ConnectionString);
        var agents = new Dictionary<string, AgentBrowser>();
        foreach (var id in agentIds)
        {
            agents[id] = await AgentBrowser.SignInAsync(system.BaseUrl, id);
        }

        var redisBefore = redis is null ? null : await redis.ActivityAsync();
        using var meters = new ScopedMeterReader(system.Services, WarmTransferMetrics.MeterName);
        var result = await new WholeCalls(system, agents).RunAsync(options.CallersPerSecond, warmUp, duration);
        var redisDone = redis is null ? null : (await redis.ActivityAsync()).Since(redisBefore!);
        var redisNote = redisDone is null ? "" : $"; {redisDone.Per(result.Started, "transfer")}";
        var line = LineService.From(meters, result.Started);
        var webhooks = result.Routes.Where(r => r.Key.StartsWith("/conference", StringComparison.Ordinal)).Select(r => r.Value).ToList();
        Add(new ResultRow($"{name}, {options.Agents} agents, {options.CallersPerSecond} callers/s", result.TransfersPerSecond, null, null,
            result.CpuSecondsPerCall * 1000, $"completed transfers/s (steady); {result.Completed}/{result.Started} completed, {result.ServerErrors} 5xx; {webhooks.Sum(w => w.Requests)} webhooks (steady); the driver read each conference {result.PhaseReadsPerCall:0} times; {line}{redisNote}",
            result.Routes, new Dictionary<string, double>(RedisActivity.Figures(redisDone, result.Started).Concat(line.Figures())) { ["started"] = result.Started, ["completed"] = result.Completed, ["serverErrors"] = result.ServerErrors, ["driverReadsEach"] = result.PhaseReadsPerCall }));
        foreach (var agent in agents.Values)
        {
            agent.Dispose();
        }

        if (result.Completed != result.Started || result.ServerErrors > 0)
        {
            _report.Problems.Add($"{name}: {result.Completed} of {result.Started} transfers completed, {result.ServerErrors} 5xx. {string.Join("; ", result.Failures)}");
        }
    }

    private async Task WaitingCallersAsync()
    {
        await using var system = await SystemUnderTest.StartAsync(options.LogLevel, []);
        var phones = new BrowserPhones(system.Twilio);
        var queue = system.Grains.GetGrain<IQueueGrain>(QueueNames.Support);
        var load = new ClosedLoopLoad(_http);
        // Each caller's webhook is followed by the participant-join Twilio posts when the caller enters their conference.
        SignedRequest Joined(SignedRequest incoming) => incoming.CallerJoined(system.BaseUrl);
        const int warmCallers = 200;
        var posted = 0;
        await load.RunAsync("warm", 16, TimeSpan.Zero, TimeSpan.FromMinutes(1), () => Interlocked.Increment(ref posted) <= warmCallers ? SignedRequest.IncomingCall(system.BaseUrl) : null, Joined);
        await LineAsync(queue, warmCallers);
        var before = await MemoryAtAsync("before the line fills");
        posted = 0;
        var filled = await load.RunAsync("fill", 64, TimeSpan.Zero, TimeSpan.FromMinutes(10), () => Interlocked.Increment(ref posted) <= options.WaitingCallers ? SignedRequest.IncomingCall(system.BaseUrl) : null, Joined);
        var waiting = await LineAsync(queue, warmCallers + options.WaitingCallers);
        var after = await MemoryAtAsync("line filled");
        var perCaller = (after - before) / (double)options.WaitingCallers;

        await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 3));
        var rest = options.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
        var cpu = new CpuMeter();
        await Task.Delay(rest);
        var restPercent = cpu.Elapsed / rest / Environment.ProcessorCount * 100;

        var head = (await queue.GetAsync()).WaitingConferences[0];
        var handOut = Stopwatch.StartNew();
        await system.Grains.GetGrain<IAgentGrain>("freed").ConnectAsync();
        await phones.NextRingAsync(head, TimeSpan.FromSeconds(60));
        var handOutMs = handOut.Elapsed.TotalMilliseconds;
        Add(new ResultRow($"4 {waiting:N0} waiting callers", filled.PerSecond, null, filled.Steady, filled.CpuSecondsPerRequest * 1000,
            $"{perCaller / 1024:0.00} KB/caller; CPU at rest {restPercent:0.00}% of {Environment.ProcessorCount} cores; head of line rung {handOutMs:0.0} ms after an agent came free",
            Figures: new Dictionary<string, double> { ["bytesPerCaller"] = perCaller, ["cpuAtRestPercent"] = restPercent, ["handOutMilliseconds"] = handOutMs }));
        CheckNoServerErrors("workload 4", filled);
    }

    /// <summary>
    /// Workload 5. The emulator runs in this process, so its records of each call's legs weigh on the heap too: the server's
    /// share is what stays once the emulator is stopped and let go, less the heap before the calls without an idle
    /// emulator's own weight (measured apart, on a spare emulator).
    /// </summary>
    private async Task ActiveCallsAsync()
    {
        var idleEmulator = await IdleEmulatorBytesAsync();
        await using var system = await SystemUnderTest.StartAsync(options.LogLevel, []);
        for (var i = 0; i < options.ActiveCalls; i++)
        {
            await system.Grains.GetGrain<IAgentGrain>($"active{i}").ConnectAsync();
        }

        var before = await MemoryAtAsync("before the calls");
        var (connected, connectedIn) = await ConnectCallsAsync(system);
        var withEmulator = Memory();
        var activeAtRest = await ActiveConferencesAsync(system);
        await system.StopTwilioAsync();
        var serverOnly = await SettledMemoryAsync("calls at rest, emulator stopped");
        var perCall = (withEmulator - before) / (double)connected;
        var serverPerCall = (serverOnly - (before - idleEmulator)) / (double)connected;
        var emulatorPerCall = perCall - serverPerCall;
        Add(new ResultRow($"5 {connected:N0} active calls at rest", 0, null, null, 0,
            $"server {serverPerCall / 1024:0.00} KB/call (emulator stopped and let go, its idle {idleEmulator / 1024.0:0} KB added back); "
            + $"emulator {emulatorPerCall / 1024:0.00} KB/call; both {perCall / 1024:0.00} KB/call; all connected in {connectedIn.TotalSeconds:0.0} s; "
            + $"{activeAtRest:N0} conference activations at rest",
            Figures: new Dictionary<string, double>
            {
                ["serverBytesPerCall"] = serverPerCall,
                ["emulatorBytesPerCall"] = emulatorPerCall,
                ["bytesPerCall"] = perCall,
                ["connected"] = connected,
                ["secondsToConnect"] = connectedIn.TotalSeconds,
                ["conferenceActivationsAtRest"] = activeAtRest,
            }));
        if (connected < options.ActiveCalls)
        {
            _report.Problems.Add($"workload 5: {options.ActiveCalls - connected} of {options.ActiveCalls} calls never connected");
        }
    }

    /// <summary>
    /// Places workload 5's calls and has every agent answer. Its own method, so that nothing of the emulator (the phones,
    /// the answering loop) is still held once it returns and the emulator can be let go and weighed apart.
    /// </summary>
    private async Task<(int Connected, TimeSpan Elapsed)> ConnectCallsAsync(SystemUnderTest system)
    {
        var phones = new BrowserPhones(system.Twilio, answerAll: true);
        var answering = Task.Run(async () =>
        {
            await foreach (var ring in phones.All.Reader.ReadAllAsync())
            {
                system.Twilio.Answer(ring);
            }
        });
        var placing = Stopwatch.StartNew();
        var voiceUrl = new Uri(system.BaseUrl, SignedRequest.IncomingCallRoute);
        var pending = new List<FakeCall>();
        for (var i = 0; i < options.ActiveCalls; i++)
        {
            pending.Add(system.Twilio.DialIn(voiceUrl));
            if (i % 100 == 99)
            {
                await Task.Delay(100);
            }
        }

        // Asked of the emulator, not the conference grains: a read would bring back a call that let its activation go at rest.
        while (pending.Count > 0 && placing.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(500);
            pending = system.Twilio.Read(() => pending.Where(call => call.Hearing != Audio.Conversation).ToList());
        }

        await system.Twilio.QuietAsync(TimeSpan.FromMinutes(2));
        var elapsed = placing.Elapsed;
        phones.All.Writer.TryComplete();
        await answering;
        return (options.ActiveCalls - pending.Count, elapsed);
    }

    /// <summary>Conference grains active now, from Orleans' management grain: a call at rest has let its activation go.</summary>
    private static async Task<int> ActiveConferencesAsync(SystemUnderTest system)
    {
        var statistics = await system.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Count(s => s.GrainId.Type.ToString() == "conference");
    }

    /// <summary>What a started emulator with no calls weighs (Kestrel, its dispatcher): it is in the heap before the calls, and gone after it is stopped.</summary>
    private static async Task<long> IdleEmulatorBytesAsync()
    {
        var without = Memory();
        var spare = await FakeTwilio.StartAsync();
        var with = Memory();
        await spare.DisposeAsync();
        return Math.Max(0, with - without);
    }

    private static async Task<int> LineAsync(IQueueGrain queue, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            int waiting;
            try
            {
                waiting = (await queue.GetAsync()).WaitingConferences.Length;
            }
            catch (TimeoutException) when (deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                continue; // a queue grain this busy is itself a finding: the row shows how long filling the line took
            }

            if (waiting >= expected || deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                return waiting;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Weighs the heap; with --dump-pause, first waits there so a heap dump can be taken of what is weighed.</summary>
    private async Task<long> MemoryAtAsync(string point)
    {
        if (options.DumpPause > 0)
        {
            output.WriteLine($"Weighing '{point}' in {options.DumpPause} s: dotnet-gcdump collect -p {Environment.ProcessId}");
            Memory();
            await Task.Delay(TimeSpan.FromSeconds(options.DumpPause));
        }

        return Memory();
    }

    /// <summary>
    /// The heap once it stops shrinking: a stopped emulator lets go of its calls only when its connections and timers have
    /// wound down, which a collection right after the stop does not yet see (it counted the emulator as the server's).
    /// </summary>
    private async Task<long> SettledMemoryAsync(string point)
    {
        var last = await MemoryAtAsync(point);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Memory();
            if (now > last - (last / 100))
            {
                return Math.Min(now, last);
            }

            last = now;
        }

        return last;
    }

    private static long Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        // Live objects only: GC.GetTotalMemory counts the free space pinned buffers leave between them, which moves with
        // the sockets' buffers, not with the calls.
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return heap.HeapSizeBytes - heap.FragmentedBytes;
    }

    private ResultRow Row(string name, LoadResult result, double? bare) =>
        new(name, result.PerSecond, bare is { } b ? result.PerSecond / b : null, result.Steady, result.CpuSecondsPerRequest * 1000,
            $"warm-up {result.WarmUpPerSecond:0}/s p99 {result.WarmUp.P99:0.0} ms; GC paused {result.SteadyGcPausedShare:P0} of the time; {result.Steady.Errors} errors");

    private void CheckNoServerErrors(string name, LoadResult result)
    {
        if (result.Steady.Errors + result.WarmUp.Errors > 0)
        {
            _report.Problems.Add($"{name}: {result.Steady.Errors + result.WarmUp.Errors} requests failed or answered 5xx");
        }
    }

    private void Add(ResultRow row) => _report.Add(row, output);
}
