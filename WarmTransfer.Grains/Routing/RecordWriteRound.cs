namespace WarmTransfer.Grains.Routing;

/// <summary>
/// The changes of one round of <see cref="HashedRecords{TRecord}"/> writes, by record: each record's changes in the order
/// asked (to replay them if an earlier round's write fails) and the one task its askers await.
/// </summary>
public sealed class RecordWriteRound<TRecord>
{
    private readonly Dictionary<int, (List<Func<TRecord, TRecord>> Changes, TaskCompletionSource Stored)> _records = [];

    public IEnumerable<int> Records => _records.Keys;

    public Task Add(int index, Func<TRecord, TRecord> change)
    {
        if (!_records.TryGetValue(index, out var record))
        {
            record = ([], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            _records[index] = record;
        }

        record.Changes.Add(change);
        return record.Stored.Task;
    }

    /// <summary>The record as these changes leave it when they are made to <paramref name="from"/>.</summary>
    public TRecord Replay(int index, TRecord from) =>
        _records.TryGetValue(index, out var record) ? record.Changes.Aggregate(from, (state, change) => change(state)) : from;

    public void Stored(int index) => _records[index].Stored.SetResult();

    public void Failed(int index, Exception error) => _records[index].Stored.SetException(error);
}
