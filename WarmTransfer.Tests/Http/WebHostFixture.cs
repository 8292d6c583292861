using WarmTransfer.Tests.Support;

namespace WarmTransfer.Tests.Http;

/// <summary>One web host shared by a test class whose tests do not depend on each other's calls.</summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    public TestWebHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestWebHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
