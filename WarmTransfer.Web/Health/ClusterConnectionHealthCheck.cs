using Microsoft.Extensions.Diagnostics.HealthChecks;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Health;

/// <summary>A Client-mode node is ready only once it has reached a silo.</summary>
public sealed class ClusterConnectionHealthCheck(ClusterConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.IsConnected
            ? HealthCheckResult.Healthy("Connected to the cluster.")
            : HealthCheckResult.Unhealthy($"Not connected to the cluster yet: {connection.LastError}"));
}
