namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The changes of one round of <see cref="StoredRecords{TRecord}"/> writes, by record: each record's changes in the order
/// asked (to replay them if an earlier round's write fails) and the one task its askers await.
/// </summary>
public sealed class RecordWriteRound<TRecord>
{
    private readonly Dictionary<long, (List<Func<TRecord, TRecord>> Changes, TaskCompletionSource Stored)> _records = [];

    public IEnumerable<long> Records => _records.Keys;

    public Task Add(long index, Func<TRecord, TRecord> change)
    {
        if (!_records.TryGetValue(index, out var record))
        {
            record = ([], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _records[index] = record;
        }

        record.Changes.Add(change);
        return record.Stored.Task;
    }

    /// <summary>Whether this round changes the record.</summary>
    public bool Changes(long index) => _records.ContainsKey(index);

    /// <summary>The record as these changes leave it when they are made to <paramref name="from"/>.</summary>
    public TRecord Replay(long index, TRecord from) =>
        _records.TryGetValue(index, out var record) ? record.Changes.Aggregate(from, (state, change) => change(state)) : from;

    public void Stored(long index) => _records[index].Stored.SetResult();

    public void Failed(long index, Exception error) => _records[index].Stored.SetException(error);
}
