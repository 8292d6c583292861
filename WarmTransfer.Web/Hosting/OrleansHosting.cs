using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Web.Hosting;

public static class OrleansHosting
{
    /// <summary>Embedded (default): this process runs a silo. Client: this process joins a cluster of WarmTransfer.Silo processes.</summary>
    public static WebApplicationBuilder AddWarmTransferOrleans(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue($"{OrleansHostingOptions.Section}:{nameof(OrleansHostingOptions.Mode)}", OrleansMode.Embedded);
        if (mode == OrleansMode.Client)
        {
            builder.UseOrleansClientInBackground(client => client.AddWarmTransferClient(builder.Configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.AddWarmTransferSilo(builder.Configuration, inWebHost: true));
        }

        return builder;
    }
}
