using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.Web.Hosting;

/// <summary>Configuration section "RateLimits".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per client address per minute.</summary>
    [Range(1, 10_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Agent API requests per signed-in agent per minute.</summary>
    [Range(1, 1_000_000)]
    public int AgentRequestsPerMinute { get; set; } = 600;
}
