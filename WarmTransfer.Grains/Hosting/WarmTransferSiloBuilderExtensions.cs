using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using StackExchange.Redis;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Grains.Hosting;

public static class WarmTransferSiloBuilderExtensions
{
    /// <summary>
    /// Configures a silo from the "Orleans" section: clustering and grain storage in Redis when a Redis connection string
    /// is set (a cluster), else localhost clustering and memory storage (one machine); then the grains' own services.
    /// </summary>
    public static ISiloBuilder AddWarmTransferSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = OrleansHostingOptions.From(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
        silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (hosting.ProbeTimeout, hosting.MissedProbesLimit));

        if (hosting.RedisConnectionString is { Length: > 0 } redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            silo.ConfigureEndpoints(IPAddress.Parse(hosting.AdvertisedIPAddress), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false);
            silo.AddRedisGrainStorage(StorageNames.Calls, o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        else
        {
            var primary = new IPEndPoint(IPAddress.Loopback, hosting.PrimarySiloPort ?? hosting.SiloPort);
            silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, primary, hosting.ServiceId, hosting.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Calls);
        }

        return silo.AddWarmTransferGrains(configuration);
    }

    /// <summary>What the grains need whatever the clustering and storage: options, the state serializer, the telephony port, telemetry, the dashboard if asked for.</summary>
    public static ISiloBuilder AddWarmTransferGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        // Orleans' own serializer for grain state: our state is immutable records and collections tagged with [Id].
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.Services.AddWarmTransferOptions();
        silo.Services.TryAddSingleton<ITelephony, TwilioTelephony>();
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<WarmTransferMetrics>();
        silo.AddActivityPropagation();
        if (DashboardSettings.From(configuration).Enabled)
        {
            silo.AddDashboard();
        }

        return silo;
    }
}
