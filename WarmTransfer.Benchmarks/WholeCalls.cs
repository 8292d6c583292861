using System.Diagnostics;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// Workload 3: callers dial in at a set rate; the agent rung answers, transfers to any free agent, the target answers, the
/// transfer completes, the caller hangs up. Every webhook and status callback goes through the emulator to the real host.
/// </summary>
public sealed class WholeCalls(SystemUnderTest system, IReadOnlyDictionary<string, AgentBrowser> agents)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private const int FirstPause = 20;
    private const int LongestPause = 160;

    /// <summary>
    /// The emulator posts its webhooks one at a time unless told otherwise, which caps whole calls at ~1,600 webhooks
    /// (~64 transfers) a second whatever the server does. Twilio's webhooks for different calls are separate requests that
    /// do not wait for each other (an assumption: Twilio documents no account-wide order); each call's TwiML fetches stay
    /// in order, its status callbacks are not delayed, doubled, lost or reordered on purpose.
    /// </summary>
    private static readonly CallbackChaos ConcurrentWebhooks = new(Seed: 1, DuplicateProbability: 0, ReorderWindow: 1, MaxDelayMilliseconds: 0) { MaxInFlight = 64 };

    private readonly BrowserPhones _phones = new(system.Twilio);
    private int _started;
    private int _completed;
    /// <summary>The driver's own reads of the conference (until a step shows): part of the CPU per transfer.</summary>
    private long _phaseReads;
    private readonly List<string> _failures = [];

    public async Task<WholeCallsResult> RunAsync(int callersPerSecond, TimeSpan warmUp, TimeSpan duration)
    {
        system.Twilio.UseChaos(ConcurrentWebhooks);
        var voiceUrl = new Uri(system.BaseUrl, SignedRequest.IncomingCallRoute);
        var calls = new List<Task>();
        // At most half the agents take callers at once, so a transfer always has someone to go to; later callers wait to dial.
        using var lines = new SemaphoreSlim(Math.Max(1, agents.Count / 2));
        var clock = Stopwatch.StartNew();
        var cpu = new CpuMeter();
        var end = warmUp + duration;
        var completedAtWarm = 0;
        var steadyCpu = new CpuMeter();
        var warmDone = false;
        for (var n = 0; clock.Elapsed < end; n++)
        {
            if (!warmDone && clock.Elapsed >= warmUp)
            {
                warmDone = true;
                completedAtWarm = _completed;
                steadyCpu.Restart();
                system.Timings.Reset();
            }

            var due = TimeSpan.FromSeconds(n / (double)callersPerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            calls.Add(OneCallAsync(voiceUrl, lines));
        }

        var steadyCompleted = _completed - completedAtWarm;
        var steadyCpuSeconds = steadyCpu.Elapsed.TotalSeconds;
        var timings = system.Timings.Summaries();
        await Task.WhenAll(calls);
        await system.Twilio.QuietAsync();
        var serverErrors = system.Twilio.Webhooks.Count(w => w.Status >= 500);
        return new WholeCallsResult(_started, _completed, steadyCompleted / duration.TotalSeconds,
            steadyCompleted == 0 ? 0 : steadyCpuSeconds / steadyCompleted, serverErrors, [.. _failures.Take(5)], timings, _started == 0 ? 0 : _phaseReads / (double)_started);
    }

    private async Task OneCallAsync(Uri voiceUrl, SemaphoreSlim lines)
    {
        Interlocked.Increment(ref _started);
        FakeCall? caller = null;
        await lines.WaitAsync();
        try
        {
            caller = system.Twilio.DialIn(voiceUrl);
            var first = await _phones.NextRingAsync(caller.Sid, StepTimeout);
            system.Twilio.Answer(first);
            var connected = await PhaseAsync(caller.Sid, v => v.Phase == ConferencePhase.Connected);
            var transferer = agents[connected.HandlingAgentId!];
            await transferer.TransferToAnyAsync(StepTimeout);
            var second = await _phones.NextRingAsync(caller.Sid, StepTimeout);
            system.Twilio.Answer(second);
            await PhaseAsync(caller.Sid, v => v.Phase == ConferencePhase.Consulting);
            await transferer.CompleteTransferAsync();
            await PhaseAsync(caller.Sid, v => v.Phase == ConferencePhase.Connected && v.HandlingAgentId != transferer.AgentId);
            system.Twilio.HangUp(caller);
            await PhaseAsync(caller.Sid, v => v.Phase == ConferencePhase.Ended);
            Interlocked.Increment(ref _completed);
        }
        catch (Exception ex)
        {
            lock (_failures)
            {
                _failures.Add($"{caller?.Sid}: {ex.GetType().Name} {ex.Message}");
            }
        }
        finally
        {
            lines.Release();
            if (caller is not null)
            {
                _phones.Forget(caller.Sid);
            }
        }
    }

    /// <summary>
    /// Reads the conference until it gets there; the benchmark's own cost, counted in the process's CPU like the rest. The
    /// pause between reads doubles from 20 ms to 160 ms: read every 20 ms, each call was read 212 times once the server was
    /// past its ceiling, and the driver's reads took CPU from the server it measures (BENCHMARKS.md, fourteenth round).
    /// </summary>
    private async Task<ConferenceView> PhaseAsync(string conferenceId, Func<ConferenceView, bool> reached)
    {
        var grain = system.Grains.GetGrain<IConferenceGrain>(conferenceId);
        var deadline = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            // Retried as the webhooks' grain calls are: a call at rest lets its activation go, and a read that reaches it
            // going away is rejected (Orleans forwards it twice at most).
            var view = await GrainCalls.WithRetryAsync(grain.GetAsync);
            Interlocked.Increment(ref _phaseReads);
            if (reached(view))
            {
                return view;
            }

            if (deadline.Elapsed > StepTimeout)
            {
                throw new TimeoutException($"{conferenceId} stuck in {view.Phase}");
            }

            await Task.Delay(pause);
            pause = Math.Min(pause * 2, LongestPause);
        }
    }
}

public sealed record WholeCallsResult(
    int Started,
    int Completed,
    double TransfersPerSecond,
    double CpuSecondsPerCall,
    int ServerErrors,
    IReadOnlyList<string> Failures,
    IReadOnlyDictionary<string, LatencySummary> Routes,
    double PhaseReadsPerCall);
