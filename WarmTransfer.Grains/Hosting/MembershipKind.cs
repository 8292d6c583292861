namespace WarmTransfer.Grains.Hosting;

public enum MembershipKind
{
    /// <summary>Silos and clients on one machine find each other on fixed loopback ports.</summary>
    Localhost,

    /// <summary>Silos register in Redis; clients find gateways there.</summary>
    Redis,
}
