using Orleans.Storage;

namespace WarmTransfer.Grains.Routing;

/// <summary>
/// How versions before <see cref="LinePages"/> stored the line: in 1,024 records, each holding the callers whose conference
/// id hashes to it (so a change rewrote about n / 1,024 callers, more as the line grew). Read once, when a queue stored so
/// activates, and cleared once its callers are in pages.
/// </summary>
public sealed class LineBuckets(IGrainStorage storage, GrainId queue)
{
    public const int Count = 1024;

    private readonly StoredRecords<LineBucket> _records = new(storage, queue, "queue-line-", new LineBucket(), static bucket => !bucket.Callers.Any());

    public async Task<IReadOnlyList<WaitingCaller>> ReadAllAsync() =>
        [.. (await _records.ReadFirstAsync(Count)).SelectMany(bucket => bucket.Callers)];

    /// <summary>Clears every record read.</summary>
    public Task ClearAsync() => Task.WhenAll(Enumerable.Range(0, Count).Select(i => _records.ChangeAsync(i, static _ => new LineBucket())));
}
