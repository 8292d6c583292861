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

    private readonly Counter<long> _transfersStarted;
    private readonly Counter<long> _transfersCompleted;
    private readonly Counter<long> _transfersFailed;
    private readonly Histogram<double> _twilioDuration;
    private readonly Counter<long> _twilioErrors;
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
        _twilioDuration = meter.CreateHistogram<double>("warmtransfer.twilio.rest.duration", "s", "Twilio REST operations (retries included), by operation and outcome");
        _twilioErrors = meter.CreateCounter<long>("warmtransfer.twilio.rest.errors", "{error}", "Twilio REST operations that failed, by operation and Twilio error code");
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
