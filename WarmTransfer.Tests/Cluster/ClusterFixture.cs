using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using WarmTransfer.Grains;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Telephony;
using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Cluster;

/// <summary>
/// Two in-process silos (two, so a missing serializer shows) with the production grain services, memory storage behind a
/// gate the tests can hold, a recording telephony port, and the production intervals on a fake grain clock that the tests advance.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private const string MemoryStorage = "memory";

    public RecordingTelephony Telephony { get; } = new();

    /// <summary>
    /// The grains' clock in both silos: what they read as now and what drives their grain timers (Orleans' keyed
    /// <see cref="TimeProviderNames.Grains"/> clock). Orleans' own loops (membership, messaging, activation collection) keep real time.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The production defaults: on fake time a test waits a whole retention or check interval in no time.</summary>
    public WarmTransferOptions Settings { get; } = new();

    /// <summary>Every write of the grains' state goes through it.</summary>
    public StorageGate Storage { get; } = new();

    /// <summary>Every grain call the silos send (not the test client's).</summary>
    public SentGrainCalls Sent { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(MemoryStorage);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Calls, (services, _) =>
                new GatedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage), Storage));
            silo.AddWarmTransferGrains(new ConfigurationBuilder().Build());
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Clock);
            silo.Services.AddSingleton<ITelephony>(Telephony);
            silo.Services.AddSingleton<IOutgoingGrainCallFilter>(Sent);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
