using Microsoft.Extensions.DependencyInjection.Extensions;
using WarmTransfer.Web.Health;

namespace WarmTransfer.Web.Hosting;

public static class BackgroundClusterClient
{
    /// <summary>Adds the Orleans client, connected by <see cref="ClusterConnection"/> in the background instead of during host start.</summary>
    public static WebApplicationBuilder UseOrleansClientInBackground(this WebApplicationBuilder builder, Action<IClientBuilder> configure)
    {
        var services = builder.Services;
        var hostedBefore = services.Where(IsHostedService).ToHashSet();
        builder.UseOrleansClient(configure);
        var orleansStart = services.Where(d => IsHostedService(d) && !hostedBefore.Contains(d)).ToList();
        if (orleansStart.Count != 1)
        {
            throw new InvalidOperationException($"Expected Orleans to register one hosted service to start its client, found {orleansStart.Count}.");
        }

        services.Remove(orleansStart[0]);
        services.AddSingleton<ClusterConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        services.RemoveAll<IClientConnectionRetryFilter>();
        services.AddSingleton<IClientConnectionRetryFilter>(sp => sp.GetRequiredService<ClusterConnection>());
        services.AddTransient<IStartupFilter, ClusterConnectionGate>();
        services.AddHealthChecks().AddCheck<ClusterConnectionHealthCheck>("cluster", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }

    private static bool IsHostedService(ServiceDescriptor descriptor) => descriptor.ServiceType == typeof(IHostedService);
}
