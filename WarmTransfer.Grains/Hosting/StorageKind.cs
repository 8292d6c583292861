namespace WarmTransfer.Grains.Hosting;

public enum StorageKind
{
    /// <summary>In the silo's memory: lost when the silo stops.</summary>
    Memory,

    /// <summary>In Redis: survives silos.</summary>
    Redis,
}
