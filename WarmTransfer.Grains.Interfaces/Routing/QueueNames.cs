namespace WarmTransfer.Grains.Routing;

public static class QueueNames
{
    /// <summary>The queue every caller and agent is in until the product grows more than one.</summary>
    public const string Support = "support";
}
