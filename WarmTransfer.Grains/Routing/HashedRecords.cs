using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// A grain's collection kept in a fixed number of <see cref="StoredRecords{TRecord}"/>, each holding the items whose key
/// hashes to it: a change rewrites one record (about n / count items), never the whole collection; all are read when the
/// grain activates. Fits a collection that stays small per record (the roster); the line, which may grow to 100,000
/// callers, is kept in pages by arrival instead (<see cref="LinePages"/>).
/// </summary>
public sealed class HashedRecords<TRecord>(IGrainStorage storage, GrainId owner, string namePrefix, int count, TRecord empty)
    where TRecord : class
{
    /// <summary>Never empty, so never cleared: a record once stored keeps its ETag.</summary>
    private readonly StoredRecords<TRecord> _records = new(storage, owner, namePrefix, empty, static _ => false);

    public Task<IReadOnlyList<TRecord>> ReadAllAsync() => _records.ReadFirstAsync(count);

    /// <inheritdoc cref="StoredRecords{TRecord}.ChangeAsync"/>
    public Task ChangeAsync(string key, Func<TRecord, TRecord> change) => _records.ChangeAsync(RecordOf(key, count), change);

    /// <summary>FNV-1a: stable across processes and restarts, unlike string.GetHashCode.</summary>
    public static int RecordOf(string key, int count)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)count);
    }
}
