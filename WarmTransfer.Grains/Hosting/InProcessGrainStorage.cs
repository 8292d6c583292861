using System.Collections.Concurrent;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Grain state kept in this process, for a silo that is the whole cluster: what Orleans' memory storage keeps, without its
/// grain call to a storage grain per read and write (that storage spreads keys over a few storage grains, each one a queue
/// every conference's writes wait in). As there, state is stored serialized (a grain never shares objects with the store,
/// and a state that cannot be serialized fails here as it would in Redis), and a write or clear whose ETag is not the
/// stored one is refused with <see cref="InconsistentStateException"/>. Lost with the process, like memory storage.
/// </summary>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer, IActivatorProvider activators) : IGrainStorage
{
    private readonly ConcurrentDictionary<string, StoredState> _states = new(StringComparer.Ordinal);
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
        var next = new StoredState(serializer.Serialize(grainState.State), Interlocked.Increment(ref _lastVersion).ToString(System.Globalization.CultureInfo.InvariantCulture));
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
        if (Expect(key, grainState.ETag) is { } stored && !_states.TryRemove(new KeyValuePair<string, StoredState>(key, stored)))
        {
            throw Mismatch(key, grainState.ETag);
        }

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>The stored state the grain's ETag names (null: the grain knows of none, and none is stored).</summary>
    private StoredState? Expect(string key, string? etag)
    {
        _states.TryGetValue(key, out var stored);
        return stored?.ETag == etag ? stored : throw Mismatch(key, etag);
    }

    private InconsistentStateException Mismatch(string key, string? etag) =>
        new($"The state of {key} was changed since this grain read it.", _states.TryGetValue(key, out var stored) ? stored.ETag : null, etag);

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";

    private sealed record StoredState(BinaryData Data, string ETag);
}
