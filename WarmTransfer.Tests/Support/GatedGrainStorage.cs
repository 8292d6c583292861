using Orleans.Storage;

namespace WarmTransfer.Tests.Support;

/// <summary>Grain storage in front of another whose writes and clears go through a <see cref="StorageGate"/>.</summary>
public sealed class GatedGrainStorage(IGrainStorage inner, StorageGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.WriteAsync(grainId, stateName, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.WriteAsync(grainId, stateName, () => inner.ClearStateAsync(stateName, grainId, grainState), clears: true);
}
