using System.Collections.Immutable;
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

    private readonly GrainState<LineBucket>[] _buckets = new GrainState<LineBucket>[Count];

    public async Task<IReadOnlyList<WaitingCaller>> ReadAllAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            var bucket = new GrainState<LineBucket>(new LineBucket());
            await storage.ReadStateAsync(StateName(i), queue, bucket);
            bucket.State ??= new LineBucket();
            _buckets[i] = bucket;
        }));
        return [.. _buckets.SelectMany(b => b.State!.Callers)];
    }

    public Task AddAsync(WaitingCaller caller) => ChangeAsync(caller.ConferenceId, callers => callers.Add(caller));

    public Task RemoveAsync(string conferenceId) => ChangeAsync(conferenceId, callers => callers.RemoveAll(c => c.ConferenceId == conferenceId));

    private async Task ChangeAsync(string conferenceId, Func<ImmutableList<WaitingCaller>, ImmutableList<WaitingCaller>> change)
    {
        var index = BucketOf(conferenceId);
        var bucket = _buckets[index];
        var before = bucket.State!;
        bucket.State = before with { Callers = change(before.Callers) };
        try
        {
            await storage.WriteStateAsync(StateName(index), queue, bucket);
        }
        catch
        {
            bucket.State = before;
            throw;
        }
    }

    private static string StateName(int index) => $"queue-line-{index}";

    /// <summary>FNV-1a: stable across processes and restarts, unlike string.GetHashCode.</summary>
    private static int BucketOf(string conferenceId)
    {
        var hash = 2166136261u;
        foreach (var c in conferenceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
