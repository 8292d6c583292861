using System.Collections.Concurrent;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>
/// What each grain activated on this silo currently is (a call's state, an agent's presence). Each grain is active on
/// one silo at a time, so the sum of every silo's counts is the cluster's.
/// </summary>
public sealed class ActivationCensus(IReadOnlyList<string> categories)
{
    private readonly ConcurrentDictionary<string, string> _categoryByKey = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Categories => categories;

    /// <summary>Records what the grain with this key now is; null when it counts as nothing (ended, deactivated).</summary>
    public void Set(string key, string? category)
    {
        if (category is null)
        {
            _categoryByKey.TryRemove(key, out _);
        }
        else
        {
            _categoryByKey[key] = category;
        }
    }

    /// <summary>Every category, zero included, so a gauge falls back to 0 instead of keeping its last value.</summary>
    public IReadOnlyDictionary<string, int> Counts()
    {
        var counts = categories.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var category in _categoryByKey.Values)
        {
            counts[category] = counts.GetValueOrDefault(category) + 1;
        }

        return counts;
    }
}
