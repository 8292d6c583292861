using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Web.Health;

/// <summary>Ready only with every Twilio key set: without them the node serves the console but no call can work.</summary>
public sealed class TwilioConfigurationHealthCheck(IOptions<TwilioOptions> twilio, IOptions<WarmTransferOptions> warmTransfer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = twilio.Value.Missing(Enum.GetValues<TwilioKey>()).ToList();
        if (warmTransfer.Value.PublicBaseUrl is null)
        {
            missing.Add($"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)}");
        }

        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy("Twilio is configured.")
            : HealthCheckResult.Unhealthy($"Not set: {string.Join(", ", missing)}."));
    }
}
