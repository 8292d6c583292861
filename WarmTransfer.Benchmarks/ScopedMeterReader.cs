using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// Reads one meter's instruments of one host only (the tests and the benchmark run hosts side by side in one process): counter sums
/// and histogram counts by instrument and tags, and gauges as last observed.
/// </summary>
public sealed class ScopedMeterReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _totals = new();
    private readonly ConcurrentDictionary<string, double> _gauges = new();

    public ScopedMeterReader(IServiceProvider services, string meterName)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Counters: the sum added; histograms: how many were recorded. Key: "name{tag=value,…}" with tags sorted, or just "name" for all.</summary>
    public double Total(string key) => _totals.GetValueOrDefault(key);

    public double Gauge(string key)
    {
        _listener.RecordObservableInstruments();
        return _gauges.GetValueOrDefault(key);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var tagged = $"{instrument.Name}{{{string.Join(",", tags.ToArray().OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}"))}}}";
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal))
        {
            _gauges[tagged] = value;
            return;
        }

        var increment = instrument is Histogram<double> ? 1 : value;
        _totals.AddOrUpdate(tagged, increment, (_, sum) => sum + increment);
        _totals.AddOrUpdate(instrument.Name, increment, (_, sum) => sum + increment);
    }
}
