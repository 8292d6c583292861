using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Tests.Support;

/// <summary>Grain storage used directly, as a test prepares or inspects what a grain finds there.</summary>
public static class StoredState
{
    /// <summary>The embedded default's storage, over a serializer of its own (no silo needed).</summary>
    public static InProcessGrainStorage InProcess()
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new InProcessGrainStorage(services.GetRequiredService<Serializer>(), services.GetRequiredService<IActivatorProvider>());
    }

    /// <summary>A grain's record as stored (<see cref="GrainState{T}.RecordExists"/> false if none is), with its ETag.</summary>
    public static async Task<GrainState<T>> ReadAsync<T>(this IGrainStorage storage, string stateName, GrainId grain)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}
