using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Web.Hosting;

public static class SharedDataProtection
{
    private const string KeysKey = "warmtransfer:data-protection-keys";

    /// <summary>Where a single node keeps its keys; empty means ASP.NET Core's default (~/.aspnet/DataProtection-Keys).</summary>
    public const string KeysDirectorySetting = "DataProtection:KeysDirectory";

    /// <summary>
    /// Sign-in cookies and CSRF tokens are protected with keys every web node must share: with Redis
    /// (several stateless web nodes) the keys live in Redis; a single node keeps them on its own disk, so agents stay
    /// signed in across a restart.
    /// </summary>
    public static WebApplicationBuilder AddSharedDataProtection(this WebApplicationBuilder builder)
    {
        var hosting = OrleansHostingOptions.From(builder.Configuration);
        var protection = builder.Services.AddDataProtection().SetApplicationName("WarmTransfer");
        if (hosting.RedisConnectionString is { Length: > 0 } connectionString)
        {
            var redis = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(connectionString));
            protection.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), KeysKey);
        }
        else if (builder.Configuration[KeysDirectorySetting] is { Length: > 0 } directory)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(directory));
        }

        return builder;
    }
}
