namespace WarmTransfer.Grains.Hosting;

/// <summary>How the web host reaches its grains.</summary>
public enum OrleansMode
{
    /// <summary>The web host runs a silo itself: one process, nothing else to start.</summary>
    Embedded,

    /// <summary>The web host is a client of a cluster of standalone silos.</summary>
    Client,
}
