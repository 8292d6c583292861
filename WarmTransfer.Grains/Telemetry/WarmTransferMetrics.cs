using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>
/// The "WarmTransfer" meter. Gauges count this silo's activations (sum them over silos for the cluster); counters and
/// histograms count what happened on this node.
/// </summary>
public sealed class WarmTransferMetrics
{
    public const string MeterName = "WarmTransfer";

    /// <summary>
    /// Histogram buckets in seconds. Without them OpenTelemetry's default buckets (0, 5, 10, 25 … 10,000) would put
    /// every REST call in the first and a caller's wait in two or three.
    /// </summary>
    private static readonly double[] RestCallSeconds = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] WaitSeconds = [0.1, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800];

    private readonly Counter<long> _transfersStarted;
    private readonly Counter<long> _transfersCompleted;
    private readonly Counter<long> _transfersFailed;
    private readonly Histogram<double> _twilioDuration;
    private readonly Counter<long> _twilioErrors;
    private readonly Counter<long> _callersTold;
    private readonly Counter<long> _agentRequests;
    private readonly Histogram<double> _waitedForAgent;
    private readonly ConcurrentDictionary<string, int> _lineLengths = new(StringComparer.Ordinal);

    public WarmTransferMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("warmtransfer.calls", MeasureCalls, "{call}",
            "Calls on this silo, by state: waiting (in the lines of the queues active here), ringing, talking (conference grains active here, and at rest with their next check listed here), in_transfer (conference grains active here)");
        meter.CreateObservableGauge("warmtransfer.agents", () => Measure(Agents, "presence"), "{agent}",
            "Agents whose grain is active on this silo, by presence");
        _transfersStarted = meter.CreateCounter<long>("warmtransfer.transfers.started", "{transfer}", "Transfers started");
        _transfersCompleted = meter.CreateCounter<long>("warmtransfer.transfers.completed", "{transfer}", "Transfers handed over to their target");
        _transfersFailed = meter.CreateCounter<long>("warmtransfer.transfers.failed", "{transfer}", "Transfers that ended without a hand-over, by reason");
        _twilioDuration = meter.CreateHistogram<double>("warmtransfer.twilio.rest.duration", "s", "Twilio REST operations (retries included), by operation and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RestCallSeconds });
        _twilioErrors = meter.CreateCounter<long>("warmtransfer.twilio.rest.errors", "{error}", "Twilio REST operations that failed, by operation and Twilio error code");
        _callersTold = meter.CreateCounter<long>("warmtransfer.queue.told", "{message}", "Callers in line told that an agent may be free");
        _agentRequests = meter.CreateCounter<long>("warmtransfer.queue.requests", "{request}",
            "Callers' requests for an agent, by outcome: handed_out, not_served (callers ahead are served first, or no agent is free), none_left (every agent free was handed to this caller within the hold)");
        _waitedForAgent = meter.CreateHistogram<double>("warmtransfer.queue.wait.duration", "s", "How long a caller had been on the call when an agent was handed to it (each hand-out: a caller whose agent did not answer is counted again)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitSeconds });
    }

    public ActivationCensus Calls { get; } = new(["waiting", "ringing", "talking", "in_transfer"]);

    public ActivationCensus Agents { get; } = new([.. Enum.GetValues<AgentPresence>().Select(PresenceName)]);

    public static string? CallCategory(ConferencePhase phase) => phase switch
    {
        // A waiting caller's conference grain is let go while they wait: the queue counts them (see LineLength).
        ConferencePhase.Queued => null,
        ConferencePhase.Offering => "ringing",
        ConferencePhase.Connected => "talking",
        ConferencePhase.Transferring or ConferencePhase.Consulting or ConferencePhase.ThreeWay => "in_transfer",
        _ => null,
    };

    public static string PresenceName(AgentPresence presence) => presence switch
    {
        AgentPresence.OnCall => "on_call",
        _ => presence.ToString().ToLowerInvariant(),
    };

    /// <summary>A conference changed (or was activated, before = null): its census entry and the transfer counters.</summary>
    public void ConferenceChanged(GrainId conference, ConferenceState? before, ConferenceState after, ConferenceInput? input)
    {
        Calls.Set(conference, CallCategory(after.Phase));
        if (before is null)
        {
            return;
        }

        var outcome = TransferOutcome.Between(before, after, input);
        if (outcome.Started)
        {
            _transfersStarted.Add(1);
        }
        else if (outcome.Completed)
        {
            _transfersCompleted.Add(1);
        }
        else if (outcome.FailureReason is { } reason)
        {
            _transfersFailed.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>How many callers wait in this queue's line (null: the queue is no longer active here).</summary>
    public void LineLength(string queueId, int? callers)
    {
        if (callers is { } count)
        {
            _lineLengths[queueId] = count;
        }
        else
        {
            _lineLengths.TryRemove(queueId, out _);
        }
    }

    public void CallersTold(int count) => _callersTold.Add(count);

    /// <summary>A caller asked for an agent: handed one (<paramref name="waited"/> after it called) or not, and why.</summary>
    public void AgentRequested(AgentRequestOutcome outcome, TimeSpan waited)
    {
        _agentRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            AgentRequestOutcome.HandedOut => "handed_out",
            AgentRequestOutcome.NotServed => "not_served",
            AgentRequestOutcome.NoneLeft => "none_left",
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        }));
        if (outcome == AgentRequestOutcome.HandedOut)
        {
            _waitedForAgent.Record(Math.Max(0, waited.TotalSeconds));
        }
    }

    public void TwilioOperation(string operation, TimeSpan duration, TelephonyException? failure)
    {
        var outcome = failure is null ? "ok" : "error";
        _twilioDuration.Record(duration.TotalSeconds, new("operation", operation), new("outcome", outcome));
        if (failure is not null)
        {
            var code = failure switch
            {
                { NotSent: true } => "not-sent",
                { Code: { } twilioCode } => twilioCode.ToString(CultureInfo.InvariantCulture),
                _ => "unreachable",
            };
            _twilioErrors.Add(1, new("operation", operation), new("code", code));
        }
    }

    private IEnumerable<Measurement<int>> MeasureCalls()
    {
        var waiting = _lineLengths.Values.Sum();
        return Measure(Calls, "state").Select(m => m.Tags[0].Value as string == "waiting" ? new Measurement<int>(m.Value + waiting, m.Tags) : m);
    }

    private static IEnumerable<Measurement<int>> Measure(ActivationCensus census, string tag) =>
        census.Counts().Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>(tag, c.Key)));
}
