namespace WarmTransfer.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider holding agents, conferences and queues.</summary>
    public const string Calls = "calls";
}
