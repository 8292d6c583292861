using Microsoft.Playwright;
using WarmTransfer.Tests.Support;
using WarmTransfer.TwilioEmulator;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.Tests.Console;

/// <summary>
/// One agent's console in its own browser context (its own cookies), with the sandbox's Voice SDK stand-in wired to the
/// emulator in place of Twilio's. Collects the page's console errors and saves a screenshot per step.
/// </summary>
public sealed class AgentConsole : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly FakeTwilio? _twilio;
    private readonly Screenshots _screenshots;
    private readonly PageErrors _errors;

    private AgentConsole(IBrowserContext context, IPage page, FakeTwilio? twilio, Screenshots screenshots, string agentId)
    {
        _context = context;
        Page = page;
        _twilio = twilio;
        _screenshots = screenshots;
        AgentId = agentId;
        _errors = new PageErrors(page);
    }

    public IPage Page { get; }

    public string AgentId { get; }

    public IReadOnlyList<string> Errors => _errors.All;

    public ILocator Incoming => Page.Locator("#incoming");

    public ILocator Call => Page.Locator("#call");

    public ILocator Notices => Page.Locator("#notices");

    public ILocator Presence => Page.Locator("#presence-state");

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Participant(string name) => Page.Locator("#participants li").Filter(new() { HasText = name });

    public ILocator RosterEntry(string agentId) => Page.Locator($"#agents li[data-key='{agentId}']");

    public static async Task<AgentConsole> OpenAsync(IBrowser browser, Uri baseUrl, FakeTwilio twilio, string agentId, Screenshots screenshots, int width = 1100)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await SandboxVoiceSdk.UseInAsync(context, twilio);
        var page = await context.NewPageAsync();
        var console = new AgentConsole(context, page, twilio, screenshots, agentId);
        await page.GotoAsync("/");
        return console;
    }

    /// <summary>A console of a host in sandbox mode: the page loads the host's own sandbox Voice SDK, wired to the host's emulator.</summary>
    public static async Task<AgentConsole> OpenSandboxAsync(IBrowser browser, Uri baseUrl, string agentId, Screenshots screenshots, int width = 1100)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var console = new AgentConsole(context, page, null, screenshots, agentId);
        await page.GotoAsync("/");
        return console;
    }

    /// <summary>Signs in through the form and waits until the live updates and the phone are up.</summary>
    public async Task SignInAsync(string password = TestCredentials.AgentPassword)
    {
        await Page.GetByLabel("Agent id").FillAsync(AgentId);
        await Page.GetByLabel("Password").FillAsync(password);
        await Button("Sign in").ClickAsync();
        await ExpectSignedInAsync();
    }

    public async Task ExpectSignedInAsync()
    {
        await Expect(Page.Locator("#whoami")).ToHaveTextAsync($"Signed in as {AgentId}");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("Live");
        await Expect(Page.Locator("#phone-state")).ToHaveTextAsync("Phone ready");
        if (_twilio is not null)
        {
            await Eventually.Until(() => _twilio.BrowserPhones.IsRegistered(AgentId), $"{AgentId}'s phone to register with the emulator");
        }
    }

    public Task ScreenshotAsync(string step) => _screenshots.TakeAsync(Page, AgentId, step);

    public async Task ExpectNoErrorsAsync()
    {
        // Let the page finish what it has queued (a render, a handler) so its errors are in before we look.
        await Page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))");
        Assert.True(Errors.Count == 0, $"{AgentId}'s page logged errors:\n{_errors}");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
