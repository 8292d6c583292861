namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Grain references by string key without Orleans' per-call reflection: <c>GetGrain&lt;T&gt;(key)</c> reads the interface's
/// attributes on every call to find its grain interface type (a few percent of a webhook's CPU in the benchmark's
/// profile). The grain type and interface type are found that way once per interface, then reused.
/// </summary>
public static class GrainReferences
{
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey
    {
        var (grainType, interfaceType) = TypesOf<TGrain>.Resolved ??= Resolve<TGrain>(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static (GrainType, GrainInterfaceType) Resolve<TGrain>(IGrainFactory grains) where TGrain : IGrainWithStringKey
    {
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>(nameof(GrainReferences));
        return (sample.GrainId.Type, sample.InterfaceType);
    }

    /// <summary>What Orleans resolved for one interface: the same for every silo and client of one build.</summary>
    private static class TypesOf<TGrain>
    {
        public static (GrainType, GrainInterfaceType)? Resolved;
    }
}
