using WarmTransfer.Grains.Agents;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.Tests.Console;

/// <summary>The console keeps itself live across a server restart, without a reload and without the agent's help.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", Tier.Browser)]
public sealed class ReconnectTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly string _keys = Directory.CreateTempSubdirectory("warmtransfer-keys-").FullName;
    private FakeTwilio _twilio = null!;
    private TestWebHost? _host;

    public async Task InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        _host = await StartHostAsync(url: null);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _twilio.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public async Task After_a_server_restart_the_console_reconnects_and_restores_the_agents_status()
    {
        var shots = new Screenshots("server-restart");
        await using var alice = await AgentConsole.OpenAsync(browser.Browser, _host!.BaseUrl, _twilio, "alice", shots);
        await alice.SignInAsync();
        await alice.Button("Away").ClickAsync();
        await Expect(alice.Presence).ToHaveTextAsync("Away");
        var url = _host.BaseUrl;

        await _host.DisposeAsync();
        _host = null;
        await Expect(alice.Page.Locator("#connection")).ToHaveTextAsync("Reconnecting…");
        await alice.ScreenshotAsync("server-down");

        _host = await StartHostAsync(url);
        await Expect(alice.Page.Locator("#connection")).ToHaveTextAsync("Live", new() { Timeout = 15000 });
        await Expect(alice.Presence).ToHaveTextAsync("Away");
        Assert.Equal(AgentPresence.Away, (await _host.Grains.GetGrain<IAgentGrain>("alice").GetAsync()).Presence);
        await alice.ScreenshotAsync("reconnected");
        Assert.Single(Directory.GetFiles(_keys, "key-*.xml"));

        await alice.Button("Available").ClickAsync();
        await Expect(alice.Presence).ToHaveTextAsync("Available");
        Assert.True(alice.Errors.All(error => error.Contains("net::ERR_", StringComparison.Ordinal)),
            $"only the outage's failed requests may be logged:\n{string.Join("\n", alice.Errors)}");
    }

    /// <summary>
    /// The web host (and its embedded silo, whose memory storage starts empty) at the given address, keeping its
    /// cookie keys in a folder both hosts share, as a restarted server keeps them on its disk.
    /// </summary>
    private Task<TestWebHost> StartHostAsync(Uri? url) => TestWebHost.StartAsync(settings =>
    {
        settings["Twilio:ApiBaseUrl"] = _twilio.ApiBaseUrl.ToString();
        settings[Web.Hosting.WarmTransferApp.KeysDirectorySetting] = _keys;
        if (url is not null)
        {
            settings["urls"] = url.ToString();
            settings["WarmTransfer:PublicBaseUrl"] = url.ToString().TrimEnd('/');
        }
    });
}
