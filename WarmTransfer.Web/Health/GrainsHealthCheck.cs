using Microsoft.Extensions.Diagnostics.HealthChecks;
using WarmTransfer.Grains.Routing;

namespace WarmTransfer.Web.Health;

/// <summary>Ready only while a grain answers: the node reaches its silo (embedded or the cluster) and the grains' storage.</summary>
public sealed class GrainsHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IQueueGrain>(QueueNames.Support).GetAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy("The grains answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The grains did not answer within {Timeout.TotalSeconds} s: {ex.GetType().Name}.");
        }
    }
}
