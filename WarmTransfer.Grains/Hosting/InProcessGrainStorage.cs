using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Grain state kept in this process, for a silo that is the whole cluster: what Orleans' memory storage keeps, without its
/// grain call to a storage grain per read and write (that storage spreads keys over a few storage grains, each one a queue
/// every conference's writes wait in). As there, state is stored serialized (a grain never shares objects with the store,
/// and a state that cannot be serialized fails here as it would in Redis), and a write or clear whose ETag is not the
/// stored one is refused with <see cref="InconsistentStateException"/>. Lost with the process, like memory storage.
/// States are serialized by Orleans' serializer into arrays of their exact size (its pooled buffers, not the growing
/// buffer of the storage serializer), and keyed by state name and grain id as they are, not as a joined string.
/// </summary>
public sealed class InProcessGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<StateKey, StoredState> _states = new();
    private long _lastVersion;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue(Key(stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = activators.GetActivator<T>().Create();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var next = new StoredState(serializer.SerializeToArray(grainState.State), Interlocked.Increment(ref _lastVersion).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stored = Expect(key, grainState.ETag);
        var written = stored is null ? _states.TryAdd(key, next) : _states.TryUpdate(key, next, stored);
        if (!written)
        {
            throw Mismatch(key, grainState.ETag);
        }

        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        if (Expect(key, grainState.ETag) is { } stored && !_states.TryRemove(new KeyValuePair<StateKey, StoredState>(key, stored)))
        {
            throw Mismatch(key, grainState.ETag);
        }

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The stored state the grain's ETag names (null: the grain knows of none, and none is stored).</summary>
    private StoredState? Expect(StateKey key, string? etag)
    {
        _states.TryGetValue(key, out var stored);
        return stored?.ETag == etag ? stored : throw Mismatch(key, etag);
    }

    private InconsistentStateException Mismatch(StateKey key, string? etag) =>
        new($"The state of {key} was changed since this grain read it.", _states.TryGetValue(key, out var stored) ? stored.ETag : null, etag);

    private static StateKey Key(string stateName, GrainId grainId) => new(stateName, grainId);

    private sealed record StoredState(byte[] Data, string ETag);

    private readonly record struct StateKey(string StateName, GrainId Grain)
    {
        public override string ToString() => $"{StateName}/{Grain}";
    }
}
