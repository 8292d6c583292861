using System.Collections.Concurrent;

namespace WarmTransfer.Grains.Telemetry;

/// <summary>
/// What each grain activated on this silo currently is (a call's state, an agent's presence), and the calls that let
/// their activation go at rest here. Each grain is active on one silo at a time, so the sum of every silo's counts is
/// the cluster's. Conferences are placed by a hash of their CallSid, so a call at rest comes back on the silo that
/// counts it; only after the silos change can it come back on another, and it counts on both until this silo's due-list
/// wakes it (at most one reconcile interval).
/// </summary>
public sealed class ActivationCensus(IReadOnlyList<string> categories)
{
    private readonly ConcurrentDictionary<GrainId, (string Category, bool Resting)> _byGrain = new();

    public IReadOnlyList<string> Categories => categories;

    /// <summary>Records what the active grain now is; null when it counts as nothing (ended, deactivated).</summary>
    public void Set(GrainId grain, string? category)
    {
        if (category is null)
        {
            _byGrain.TryRemove(grain, out _);
        }
        else
        {
            _byGrain[grain] = (category, false);
        }
    }

    /// <summary>The grain let its activation go at rest, its next check listed on this silo: it keeps counting as what it was.</summary>
    public void Rest(GrainId grain)
    {
        // Only an entry still there: a removal in between must not be undone.
        if (_byGrain.TryGetValue(grain, out var entry))
        {
            _byGrain.TryUpdate(grain, entry with { Resting = true }, entry);
        }
    }

    /// <summary>This silo's due-list woke the grain: counted again by whichever silo activates it.</summary>
    public void Woken(GrainId grain)
    {
        if (_byGrain.TryGetValue(grain, out var entry) && entry.Resting)
        {
            _byGrain.TryRemove(KeyValuePair.Create(grain, entry));
        }
    }

    public bool IsResting(GrainId grain) => _byGrain.TryGetValue(grain, out var entry) && entry.Resting;

    /// <summary>Every category, zero included, so a gauge falls back to 0 instead of keeping its last value.</summary>
    public IReadOnlyDictionary<string, int> Counts()
    {
        var counts = categories.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        foreach (var (category, _) in _byGrain.Values)
        {
            counts[category] = counts.GetValueOrDefault(category) + 1;
        }

        return counts;
    }
}
