using Orleans.Storage;
using WarmTransfer.Grains;

namespace WarmTransfer.Tests.Support;

/// <summary>
/// Stores a grain's state behind its live activation's back, as a second activation of it would (two can overlap for a
/// moment while silos join and leave): the live activation's next write is then refused for its stale ETag.
/// </summary>
public static class StoredBehindTheBack
{
    public static async Task RewriteAsync<TState>(IServiceProvider silo, string grainType, string key, Func<TState, TState> change)
    {
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);
        var grainId = GrainId.Create(grainType, key);
        var stored = await storage.ReadAsync<TState>(grainType, grainId);
        Assert.True(stored.RecordExists, $"{grainId} has no stored state");
        stored.State = change(stored.State!);
        await storage.WriteStateAsync(grainType, grainId, stored);
    }
}
