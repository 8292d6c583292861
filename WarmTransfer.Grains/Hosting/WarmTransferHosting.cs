using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using WarmTransfer.Grains.Telemetry;
using WarmTransfer.Grains.Telephony;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// How a silo, a cluster client and the grains' services are set up, in one place. Everything comes from the
/// "Orleans" section: a Redis connection string set means a cluster (membership and grain state in Redis); unset means
/// one machine (localhost clustering, state in memory).
/// </summary>
public static class WarmTransferHosting
{
    /// <summary>
    /// A web host's own silo that joins no other (no Redis, no <see cref="OrleansHostingOptions.PrimarySiloPort"/>) is the
    /// whole cluster: its state is kept in process (<see cref="InProcessGrainStorage"/>) rather than in storage grains.
    /// </summary>
    /// <param name="silo">The silo being built.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="inWebHost">Whether the silo runs inside the web host (Orleans:Mode Embedded), not as a WarmTransfer.Silo that others join.</param>
    public static ISiloBuilder AddWarmTransferSilo(this ISiloBuilder silo, IConfiguration configuration, bool inWebHost = false)
    {
        var hosting = OrleansHostingOptions.From(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
        silo.Configure<ClusterMembershipOptions>(o => (o.ProbeTimeout, o.NumMissedProbesLimit) = (hosting.ProbeTimeout, hosting.MissedProbesLimit));

        if (hosting.RedisConnectionString is { Length: > 0 } redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnectionOptions.Parse(redis));
            silo.ConfigureEndpoints(IPAddress.Parse(hosting.AdvertisedIPAddress), hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false);
            silo.AddWarmTransferRedisStorage(redis);
        }
        else
        {
            var primary = new IPEndPoint(IPAddress.Loopback, hosting.PrimarySiloPort ?? hosting.SiloPort);
            silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, primary, hosting.ServiceId, hosting.ClusterId);
            if (inWebHost && hosting.PrimarySiloPort is null)
            {
                silo.Services.AddGrainStorage(StorageNames.Calls, static (services, _) => ActivatorUtilities.CreateInstance<InProcessGrainStorage>(services));
            }
            else
            {
                silo.AddMemoryGrainStorage(StorageNames.Calls);
            }
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
        silo.Services.TryAddSingleton<DueChecks>();
        if (TracesGrainCalls(configuration))
        {
            silo.AddActivityPropagation();
        }
        if (DashboardSettings.From(configuration).Enabled)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>
    /// Grain state in Redis. A cleared record is deleted: Orleans' default keeps it as an empty hash, which would leave a
    /// key behind for every call that ever ended and every page of the line ever emptied.
    /// </summary>
    public static ISiloBuilder AddWarmTransferRedisStorage(this ISiloBuilder silo, string connectionString) =>
        silo.AddRedisGrainStorage(StorageNames.Calls, o => (o.ConfigurationOptions, o.DeleteStateOnClear) = (RedisConnectionOptions.Parse(connectionString), true));

    /// <summary>A web node in Client mode: joins the cluster of WarmTransfer.Silo processes.</summary>
    public static IClientBuilder AddWarmTransferClient(this IClientBuilder client, IConfiguration configuration)
    {
        var hosting = OrleansHostingOptions.From(configuration);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        if (hosting.RedisConnectionString is { Length: > 0 } redis)
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = RedisConnectionOptions.Parse(redis));
        }
        else
        {
            client.UseLocalhostClustering(hosting.GatewayPort, hosting.ServiceId, hosting.ClusterId);
        }

        if (TracesGrainCalls(configuration))
        {
            client.AddActivityPropagation();
        }
        if (DashboardSettings.From(configuration).Enabled)
        {
            client.AddDashboard();
        }

        return client;
    }

    /// <summary>Binds and validates (at start-up) the Twilio, WarmTransfer and Orleans sections.</summary>
    public static IServiceCollection AddWarmTransferOptions(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WarmTransferOptions>().BindConfiguration(WarmTransferOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is null || (o.PublicBaseUrl.IsAbsoluteUri && o.PublicBaseUrl.Scheme is "http" or "https" && string.IsNullOrEmpty(o.PublicBaseUrl.Query)),
                $"{WarmTransferOptions.Section}:{nameof(WarmTransferOptions.PublicBaseUrl)} must be an absolute http(s) URL without a query, e.g. https://example.ngrok.app")
            .ValidateOnStart();
        services.AddOptions<OrleansHostingOptions>().BindConfiguration(OrleansHostingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Grains take Orleans' keyed clock TimeProviderNames.Grains, which also drives their grain timers and falls back to
        // this one; tests replace only that key with a FakeTimeProvider (ClusterFixture), so Orleans' own loops keep real time.
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// Grain calls carry trace context only while telemetry is exported: Orleans runs every call with filters through a
    /// slower path (an invoker and two more async steps each side), for spans nobody would see (~2% of an incoming call's CPU).
    /// </summary>
    private static bool TracesGrainCalls(IConfiguration configuration) => TelemetryOptions.From(configuration).AnyExporter;
}
