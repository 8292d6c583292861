using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace WarmTransfer.Grains.Hosting;

public static class WarmTransferClientBuilderExtensions
{
    /// <summary>Configures a cluster client from the "Orleans" section.</summary>
    public static IClientBuilder AddWarmTransferClient(this IClientBuilder client, IConfiguration configuration)
    {
        var hosting = OrleansHostingOptions.From(configuration);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        if (hosting.RedisConnectionString is { Length: > 0 } redis)
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        else
        {
            client.UseLocalhostClustering(hosting.GatewayPort, hosting.ServiceId, hosting.ClusterId);
        }

        client.AddActivityPropagation();
        if (DashboardSettings.From(configuration).Enabled)
        {
            client.AddDashboard();
        }
        return client;
    }
}
