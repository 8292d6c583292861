using System.Collections.Concurrent;

namespace WarmTransfer.TwilioEmulator;

/// <summary>How many faults of each kind the emulator has injected, for tests and their closing reports.</summary>
internal sealed class FaultCounts
{
    private readonly ConcurrentDictionary<FaultKind, int> _counts = new();

    public void Add(FaultKind kind) => _counts.AddOrUpdate(kind, 1, (_, count) => count + 1);

    public IReadOnlyDictionary<FaultKind, int> Snapshot() => new SortedDictionary<FaultKind, int>(_counts);
}
