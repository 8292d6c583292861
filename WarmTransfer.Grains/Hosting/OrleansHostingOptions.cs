using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Configuration section "Orleans": where grains run and where their state lives. Orleans itself reads some keys of
/// this section (Clustering, GrainStorage, Endpoints…), so ours are named apart from them.
/// </summary>
public sealed class OrleansHostingOptions : IValidatableObject
{
    public const string Section = "Orleans";

    public static OrleansHostingOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();

    public OrleansMode Mode { get; set; } = OrleansMode.Embedded;

    /// <summary>
    /// StackExchange.Redis configuration string, e.g. "127.0.0.1:6379". Set, membership and grain state live in Redis
    /// (a cluster); unset, silos find each other on localhost and keep grain state in memory (one machine).
    /// </summary>
    public string? RedisConnectionString { get; set; }

    [Required]
    public string ClusterId { get; set; } = "warmtransfer";

    [Required]
    public string ServiceId { get; set; } = "WarmTransfer";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>With localhost clustering: the silo port of the silo that others join (defaults to this silo's own).</summary>
    [Range(1, 65535)]
    public int? PrimarySiloPort { get; set; }

    /// <summary>The address this silo tells others to reach it at.</summary>
    public string AdvertisedIPAddress { get; set; } = IPAddress.Loopback.ToString();

    /// <summary>
    /// How long a silo waits for a peer's answer to a liveness probe. With <see cref="MissedProbesLimit"/> it sets how soon a dead
    /// silo is evicted (about timeout × limit, plus a vote), and so how long calls to its grains wait: Twilio waits 15 s for a
    /// webhook's answer. Orleans' own defaults (5 s × 3) take ~13.5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a silo votes a peer dead.</summary>
    [Range(1, 10)]
    public int MissedProbesLimit { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(AdvertisedIPAddress, out _))
        {
            yield return new ValidationResult($"{Section}:{nameof(AdvertisedIPAddress)} must be an IP address.", [nameof(AdvertisedIPAddress)]);
        }
    }
}
