using Orleans.TestingHost;
using WarmTransfer.Grains;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>Two in-process silos (two, so a missing serializer shows) with the production grain services, memory storage and a recording telephony port.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public RecordingTelephony Telephony { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Calls);
            silo.AddWarmTransferGrains(new ConfigurationBuilder().Build());
            silo.Services.Configure<WarmTransferOptions>(o =>
            {
                o.UnreportedLegCheck = TimeSpan.FromSeconds(1);
                o.EndedCallRetention = TimeSpan.FromSeconds(1);
            });
            silo.Services.AddSingleton<ITelephony>(Telephony);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
