using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// A grain's collection kept in a fixed number of stored records, each holding the items whose key hashes to it: a change
/// rewrites one record (about n / count items), never the whole collection; all are read when the grain activates.
/// Writes are grouped: a change is made in memory at once, and the changes asked for while a round of writes is under way
/// are stored together in the next round, one write per record changed. A reentrant owner thus takes changes as fast as
/// storage takes rounds, not single writes, and a record never has two writes in flight (its ETag stays ours).
/// </summary>
public sealed class HashedRecords<TRecord>(IGrainStorage storage, GrainId owner, string namePrefix, int count, Func<TRecord> empty)
    where TRecord : class
{
    /// <summary>Each record as storage holds it (with its ETag).</summary>
    private readonly GrainState<TRecord>[] _stored = new GrainState<TRecord>[count];

    /// <summary>Each record with every change asked for so far, stored or not.</summary>
    private readonly TRecord[] _changed = new TRecord[count];

    private RecordWriteRound<TRecord>? _next;
    private bool _writing;

    public async Task<IReadOnlyList<TRecord>> ReadAllAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var record = new GrainState<TRecord>(empty());
            await storage.ReadStateAsync(StateName(i), owner, record);
            record.State ??= empty();
            _stored[i] = record;
            _changed[i] = record.State;
        }));
        return [.. _changed];
    }

    /// <summary>
    /// Changes the record holding <paramref name="key"/> now; the task completes once the change is stored. If storing
    /// fails, the task fails and the change is undone (changes asked for after it are kept).
    /// </summary>
    public Task ChangeAsync(string key, Func<TRecord, TRecord> change)
    {
        var index = RecordOf(key, count);
        _changed[index] = change(_changed[index]);
        var stored = (_next ??= new RecordWriteRound<TRecord>()).Add(index, change);
        if (!_writing)
        {
            _writing = true;
            _ = WriteRoundsAsync();
        }

        return stored;
    }

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

    private async Task WriteRoundsAsync()
    {
        try
        {
            while (_next is { } round)
            {
                _next = null;
                await Task.WhenAll(round.Records.Select(index => WriteAsync(index, round)));
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>Stores what the record is when the round starts: every change asked for up to then.</summary>
    private async Task WriteAsync(int index, RecordWriteRound<TRecord> round)
    {
        var record = _stored[index];
        var before = record.State!;
        record.State = _changed[index];
        try
        {
            await storage.WriteStateAsync(StateName(index), owner, record);
            round.Stored(index);
        }
        catch (Exception e)
        {
            record.State = before;
            _changed[index] = _next?.Replay(index, before) ?? before;
            round.Failed(index, e);
        }
    }

    private string StateName(int index) => $"{namePrefix}{index}";
}
