using System.Net;
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
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (hosting.ClusterId, hosting.ServiceId));
        if (hosting.Membership == MembershipKind.Redis)
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(hosting.RedisConnectionString!));
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
