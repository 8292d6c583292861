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
    /// <summary>Configures a silo from the "Orleans" section: clustering, endpoints, grain storage, and the telephony port.</summary>
    public static ISiloBuilder AddWarmTransferSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());

        if (hosting.Membership == MembershipKind.Redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(hosting.RedisConnectionString!));
            silo.ConfigureEndpoints(IPAddress.Parse(hosting.AdvertisedIPAddress), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            var primary = new IPEndPoint(IPAddress.Loopback, hosting.PrimarySiloPort ?? hosting.SiloPort);
            silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, primary, hosting.ServiceId, hosting.ClusterId);
        }

        silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (hosting.ProbeTimeout, hosting.MissedProbesLimit));

        if (hosting.Storage == StorageKind.Redis)
        {
            silo.AddRedisGrainStorage(StorageNames.Calls, o => o.ConfigurationOptions = ConfigurationOptions.Parse(hosting.RedisConnectionString!));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Calls);
        }

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
