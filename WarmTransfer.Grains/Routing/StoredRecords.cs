using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// A grain's records in storage, each under its own number, whose writes are grouped: a change is made in memory at once,
/// and the changes asked for while a round of writes is under way are stored together in the next round, one write per
/// record changed. A reentrant owner thus takes changes as fast as storage takes rounds, not single writes, and a record
/// never has two writes in flight (its ETag stays ours). A record that a round leaves empty is cleared from storage and
/// forgotten in memory.
/// </summary>
public sealed class StoredRecords<TRecord>(IGrainStorage storage, GrainId owner, string namePrefix, TRecord empty, Func<TRecord, bool> isEmpty)
    where TRecord : class
{
    /// <summary>Each record as storage holds it (with its ETag).</summary>
    private readonly Dictionary<long, GrainState<TRecord>> _stored = [];

    /// <summary>Each record with every change asked for so far, stored or not.</summary>
    private readonly Dictionary<long, TRecord> _changed = [];

    private RecordWriteRound<TRecord>? _next;
    private bool _writing;

    public async Task<IReadOnlyList<TRecord>> ReadAsync(IEnumerable<long> numbers)
    {
        var read = await Task.WhenAll(numbers.Select(async number =>
        {
            var record = new GrainState<TRecord>(empty);
            await storage.ReadStateAsync(StateName(number), owner, record);
            return (number, record, State: record.State ?? empty);
        }));
        foreach (var (number, record, state) in read)
        {
            record.State = state;
            _stored[number] = record;
            _changed[number] = state;
        }

        return [.. read.Select(r => r.State)];
    }

    /// <summary>Reads records 0 to <paramref name="count"/> - 1: a fixed set of records, all read when the owner activates.</summary>
    public Task<IReadOnlyList<TRecord>> ReadFirstAsync(int count) => ReadAsync(Enumerable.Range(0, count).Select(number => (long)number));

    /// <summary>The record with every change asked for so far.</summary>
    public TRecord this[long number] => _changed.GetValueOrDefault(number) ?? empty;

    /// <summary>
    /// Changes the record now; the task completes once the change is stored. If storing fails, the task fails and the
    /// change is undone (changes asked for after it are kept).
    /// </summary>
    public Task ChangeAsync(long number, Func<TRecord, TRecord> change)
    {
        _changed[number] = change(this[number]);
        var stored = (_next ??= new RecordWriteRound<TRecord>()).Add(number, change);
        if (!_writing)
        {
            _writing = true;
            _ = WriteRoundsAsync();
        }

        return stored;
    }

    private async Task WriteRoundsAsync()
    {
        try
        {
            while (_next is { } round)
            {
                _next = null;
                await Task.WhenAll(round.Records.Select(number => WriteAsync(number, round)));
            }
        }
        finally
        {
            _writing = false;
        }
    }

    /// <summary>Stores what the record is when the round starts: every change asked for up to then.</summary>
    private async Task WriteAsync(long number, RecordWriteRound<TRecord> round)
    {
        if (!_stored.TryGetValue(number, out var record))
        {
            record = _stored[number] = new GrainState<TRecord>(empty);
        }

        var before = record.State!;
        record.State = _changed[number];
        try
        {
            await StoreAsync(number, record);
            round.Stored(number);
        }
        catch (Exception e)
        {
            record.State = before;
            _changed[number] = _next?.Replay(number, before) ?? before;
            round.Failed(number, e);
        }
    }

    private async Task StoreAsync(long number, GrainState<TRecord> record)
    {
        if (!isEmpty(record.State!))
        {
            await storage.WriteStateAsync(StateName(number), owner, record);
            return;
        }

        if (record.ETag is not null)
        {
            await storage.ClearStateAsync(StateName(number), owner, record);
        }

        record.State = empty;
        if (_next?.Changes(number) != true)
        {
            _stored.Remove(number);
            _changed.Remove(number);
        }
    }

    private string StateName(long number) => $"{namePrefix}{number}";
}
