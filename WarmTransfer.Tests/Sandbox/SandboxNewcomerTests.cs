using Microsoft.Playwright;
using WarmTransfer.Tests.Console;
using WarmTransfer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.Tests.Sandbox;

/// <summary>
/// The README's walk-through in Debian's Chromium against a host started as a newcomer starts it (no Twilio settings):
/// nothing is doubled, the pages run the sandbox's own Voice SDK stand-in and caller's page against the host's emulator.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", Tier.Browser)]
public sealed class SandboxNewcomerTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string CallerNumber = "+15550002222";

    private Screenshots _shots = null!;
    private readonly List<AgentConsole> _consoles = [];
    private TestWebHost _host = null!;
    private IBrowserContext _callerContext = null!;
    private IPage _callers = null!;
    private PageErrors _callerErrors = null!;

    public async Task InitializeAsync()
    {
        _host = await SandboxHost.StartAsync();
        _callerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _host.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 800, Height = 700 },
        });
        _callers = await _callerContext.NewPageAsync();
        _callerErrors = new PageErrors(_callers);
    }

    public async Task DisposeAsync()
    {
        foreach (var console in _consoles)
        {
            await console.DisposeAsync();
        }

        await _callerContext.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Two_agents_and_a_caller_go_through_a_whole_warm_transfer_with_no_Twilio_account()
    {
        _shots = new Screenshots("sandbox-walk-through");
        var alice = await SignedInAsync("alice");
        var bob = await SignedInAsync("bob");
        await Expect(alice.Page.Locator(".sandbox-banner")).ToContainTextAsync("calls are simulated");
        await Expect(alice.RosterEntry("bob")).ToContainTextAsync("Available");
        await _callers.GotoAsync("/sandbox");
        await Expect(_callers.Locator("#connection")).ToHaveTextAsync("Live");
        await Expect(_callers.Locator("#no-callers")).ToBeVisibleAsync();

        // 1. Call in.
        await _callers.GetByLabel("Your number").FillAsync(CallerNumber);
        await _callers.GetByRole(AriaRole.Button, new() { Name = "Call in" }).ClickAsync();
        await Expect(Caller()).ToContainTextAsync("Ringing an agent");
        await Expect(Caller()).ToContainTextAsync("Hears: Wait music, until an agent answers");
        await Expect(alice.Incoming).ToContainTextAsync($"Caller {CallerNumber}");
        await Expect(bob.Incoming).ToBeHiddenAsync();
        await ScreenshotsAsync("ringing", alice);

        // 2. Answer.
        await alice.Button("Accept").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Talking with the caller.");
        await Expect(alice.Participant($"Caller {CallerNumber}")).ToContainTextAsync("in call");
        await Expect(Caller()).ToContainTextAsync("With an agent");
        await Expect(Caller()).ToContainTextAsync("Hears: Talking with alice");
        await Expect(bob.RosterEntry("alice")).ToContainTextAsync("On a call");
        await ScreenshotsAsync("answered", alice, bob);

        // 3. Consult: the caller waits on hold music.
        await alice.Button("Transfer to bob").ClickAsync();
        await Expect(Caller()).ToContainTextAsync("Hears: Hold music: you are on hold");
        await Expect(bob.Incoming).ToContainTextAsync($"alice wants to transfer caller {CallerNumber} to you.");
        await bob.Button("Accept").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Consulting bob; the caller is on hold.");
        await Expect(bob.Call).ToContainTextAsync("Consulting alice; the caller is on hold.");
        await Expect(Caller()).ToContainTextAsync("On hold: agents consulting");
        await Expect(Caller()).ToContainTextAsync("Hears: Hold music: you are on hold");
        await ScreenshotsAsync("consulting", alice, bob);
        await _shots.SideBySideAsync(browser.Browser, "readme", alice.Page, _callers);

        // 4. Three-way.
        await alice.Button("Three-way").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Three-way call");
        await Expect(bob.Call).ToContainTextAsync("Three-way call");
        await Expect(Caller()).ToContainTextAsync("Three-way call");
        await Expect(Caller()).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Hears: Talking with (alice and bob|bob and alice)"));
        await ScreenshotsAsync("three-way", alice, bob);

        // 5. Complete: bob keeps the caller, alice is free again.
        await alice.Button("Complete transfer").ClickAsync();
        await Expect(alice.Call).ToBeHiddenAsync();
        await Expect(alice.Presence).ToHaveTextAsync("Available");
        await Expect(bob.Call).ToContainTextAsync("Talking with the caller.");
        await Expect(Caller()).ToContainTextAsync("With an agent");
        await Expect(Caller()).ToContainTextAsync("Hears: Talking with bob");
        await ScreenshotsAsync("completed", alice, bob);

        // The caller hangs up.
        await _callers.GetByRole(AriaRole.Button, new() { Name = $"Hang up {CallerNumber}" }).ClickAsync();
        await Expect(Caller()).ToContainTextAsync("Ended");
        await Expect(Caller()).ToContainTextAsync("Hears: Nothing: the call has ended");
        await Expect(Caller().GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(bob.Call).ToBeHiddenAsync();
        await Expect(bob.Presence).ToHaveTextAsync("Available");
        await ScreenshotsAsync("caller-hung-up", alice, bob);

        await alice.ExpectNoErrorsAsync();
        await bob.ExpectNoErrorsAsync();
        Assert.True(_callerErrors.All.Count == 0, $"The caller's page logged errors:\n{_callerErrors}");
    }

    [Fact]
    public async Task Several_callers_at_once_each_show_their_own_phase()
    {
        _shots = new Screenshots("sandbox-callers");
        var carol = await SignedInAsync("carol");
        await _callers.GotoAsync("/sandbox");
        await Expect(_callers.Locator("#connection")).ToHaveTextAsync("Live");

        foreach (var number in new[] { "+15550003333", "+15550004444" })
        {
            await _callers.GetByLabel("Your number").FillAsync(number);
            await _callers.GetByRole(AriaRole.Button, new() { Name = "Call in" }).ClickAsync();
            await Expect(Caller(number)).ToBeVisibleAsync();
        }

        // carol is rung for the first; the second waits for an agent.
        await Expect(Caller("+15550003333")).ToContainTextAsync("Ringing an agent");
        await Expect(Caller("+15550004444")).ToContainTextAsync("Waiting for an agent");
        await Expect(Caller("+15550004444")).ToContainTextAsync("Hears: Wait music");
        await carol.Button("Accept").ClickAsync();
        await Expect(Caller("+15550003333")).ToContainTextAsync("Hears: Talking with carol");
        await _shots.TakeAsync(_callers, "callers", "two-callers");

        await _callers.GetByRole(AriaRole.Button, new() { Name = "Hang up +15550004444" }).ClickAsync();
        await Expect(Caller("+15550004444")).ToContainTextAsync("Ended");
        await Expect(Caller("+15550003333")).ToContainTextAsync("With an agent");
        Assert.True(_callerErrors.All.Count == 0, $"The caller's page logged errors:\n{_callerErrors}");
    }

    private ILocator Caller(string number = CallerNumber) => _callers.Locator("#callers li").Filter(new() { HasText = number });

    private async Task ScreenshotsAsync(string step, params AgentConsole[] agents)
    {
        await _shots.TakeAsync(_callers, "callers", step);
        foreach (var agent in agents)
        {
            await agent.ScreenshotAsync(step);
        }
    }

    private async Task<AgentConsole> SignedInAsync(string agentId)
    {
        var console = await AgentConsole.OpenSandboxAsync(browser.Browser, _host.BaseUrl, agentId, _shots);
        _consoles.Add(console);
        await console.SignInAsync();
        await Expect(console.Presence).ToHaveTextAsync("Available");
        return console;
    }
}
