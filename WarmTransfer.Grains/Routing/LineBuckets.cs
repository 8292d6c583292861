using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// Stores the line in a fixed number of records, each holding the callers whose conference id hashes to it. A caller
/// joining or leaving rewrites one record (about n / <see cref="Count"/> callers), never the whole line; the queue reads
/// them all when it activates and rebuilds the ordered <see cref="WaitingLine"/> from them.
/// </summary>
public sealed class LineBuckets(IGrainStorage storage, GrainId queue)
{
    public const int Count = 1024;

    private readonly HashedRecords<LineBucket> _records = new(storage, queue, "queue-line-", Count, () => new LineBucket());

    /// <summary>Which record holds the caller.</summary>
    public static int BucketOf(string conferenceId) => HashedRecords<LineBucket>.RecordOf(conferenceId, Count);

    public async Task<IReadOnlyList<WaitingCaller>> ReadAllAsync() => [.. (await _records.ReadAllAsync()).SelectMany(b => b.Callers)];

    public Task AddAsync(WaitingCaller caller) => _records.ChangeAsync(caller.ConferenceId, bucket => bucket.With(caller));

    public Task RemoveAsync(string conferenceId) => _records.ChangeAsync(conferenceId, bucket => bucket.Without(conferenceId));
}
