using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// A grain's collection kept in a fixed number of stored records, each holding the items whose key hashes to it: a change
/// rewrites one record (about n / count items), never the whole collection; all are read when the grain activates.
/// </summary>
public sealed class HashedRecords<TRecord>(IGrainStorage storage, GrainId owner, string namePrefix, int count, Func<TRecord> empty)
    where TRecord : class
{
    private readonly GrainState<TRecord>[] _records = new GrainState<TRecord>[count];

    public async Task<IReadOnlyList<TRecord>> ReadAllAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var record = new GrainState<TRecord>(empty());
            await storage.ReadStateAsync(StateName(i), owner, record);
            record.State ??= empty();
            _records[i] = record;
        }));
        return [.. _records.Select(r => r.State!)];
    }

    /// <summary>Changes and stores the record holding <paramref name="key"/>; if storing fails, the record is as it was.</summary>
    public async Task ChangeAsync(string key, Func<TRecord, TRecord> change)
    {
        var index = RecordOf(key);
        var record = _records[index];
        var before = record.State!;
        record.State = change(before);
        try
        {
            await storage.WriteStateAsync(StateName(index), owner, record);
        }
        catch
        {
            record.State = before;
            throw;
        }
    }

    private string StateName(int index) => $"{namePrefix}{index}";

    /// <summary>FNV-1a: stable across processes and restarts, unlike string.GetHashCode.</summary>
    private int RecordOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}
