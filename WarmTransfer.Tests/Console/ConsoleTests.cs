using Microsoft.Playwright;
using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Tests.Scenarios;
using WarmTransfer.TwilioEmulator;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.Tests.Console;

/// <summary>
/// The agent console in Debian's Chromium against the real web host and the Twilio emulator. The Voice SDK is the
/// sandbox's stand-in (voice-sdk.js) registered with the emulator's browser phones; every click goes through the page's
/// own code, the agent API, the grains and the emulator.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Tier", Tier.Browser)]
public sealed class ConsoleTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string CallerNumber = "+15550001111";

    private readonly List<AgentConsole> _consoles = [];
    private CallCenter _center = null!;

    public async Task InitializeAsync() => _center = await CallCenter.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var console in _consoles)
        {
            await console.DisposeAsync();
        }

        await _center.DisposeAsync();
    }

    [Fact]
    public async Task A_warm_transfer_from_alice_to_bob_shows_each_step_on_both_pages()
    {
        var shots = new Screenshots("warm-transfer");
        var alice = await SignedInAsync("alice", shots);
        var bob = await SignedInAsync("bob", shots);
        await Expect(alice.RosterEntry("bob")).ToContainTextAsync("Available");

        var caller = _center.Twilio.DialIn(_center.VoiceUrl, from: CallerNumber);
        await Expect(alice.Incoming).ToBeVisibleAsync();
        await Expect(alice.Incoming).ToContainTextAsync($"Caller {CallerNumber}");
        await Expect(alice.Presence).ToHaveTextAsync("Ringing");
        await alice.ScreenshotAsync("incoming-call");

        await alice.Button("Accept").ClickAsync();
        await Expect(alice.Incoming).ToBeHiddenAsync();
        await Expect(alice.Call).ToContainTextAsync("Talking with the caller.");
        await Expect(alice.Participant($"Caller {CallerNumber}")).ToContainTextAsync("in call");
        await Expect(alice.Participant("alice (you)")).ToContainTextAsync("in call");
        await Expect(alice.Page.Locator("#call-timer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d:\d\d$"));
        await Expect(alice.Presence).ToHaveTextAsync("On a call");
        await Expect(bob.RosterEntry("alice")).ToContainTextAsync("On a call");
        await alice.ScreenshotAsync("talking");

        await alice.Button("Transfer to bob").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Calling bob… the caller is on hold.");
        await Expect(alice.Participant($"Caller {CallerNumber}")).ToContainTextAsync("on hold");
        await Expect(alice.Participant("bob")).ToContainTextAsync("ringing");
        Assert.Equal((true, Audio.HoldMusic), _center.Caller(caller));
        await Expect(bob.Incoming).ToContainTextAsync($"alice wants to transfer caller {CallerNumber} to you.");
        await Expect(bob.Page.Locator("#incoming-title")).ToHaveTextAsync("Incoming transfer");
        await alice.ScreenshotAsync("transfer-ringing");
        await bob.ScreenshotAsync("transfer-offered");

        await bob.Button("Accept").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Consulting bob; the caller is on hold.");
        await Expect(alice.Participant("bob")).ToContainTextAsync("in call");
        await Expect(bob.Call).ToContainTextAsync("Consulting alice; the caller is on hold.");
        await alice.ScreenshotAsync("consulting");
        await bob.ScreenshotAsync("consulting");

        await alice.Button("Three-way").ClickAsync();
        await Expect(alice.Call).ToContainTextAsync("Three-way call");
        await Expect(alice.Participant($"Caller {CallerNumber}")).ToContainTextAsync("in call");
        await Expect(bob.Call).ToContainTextAsync("Three-way call");
        Assert.Equal((false, Audio.Conversation), _center.Caller(caller));
        await alice.ScreenshotAsync("three-way");

        await alice.Button("Complete transfer").ClickAsync();
        await Expect(alice.Call).ToBeHiddenAsync();
        await Expect(alice.Presence).ToHaveTextAsync("Available");
        await Expect(bob.Call).ToContainTextAsync("Talking with the caller.");
        await Expect(bob.Participant("alice")).ToHaveCountAsync(0);
        await Expect(bob.Participant("bob (you)")).ToContainTextAsync("in call");
        await Expect(bob.Button("Transfer to alice")).ToBeEnabledAsync();
        await alice.ScreenshotAsync("transfer-completed");
        await bob.ScreenshotAsync("has-the-call");
        Assert.Equal((false, Audio.Conversation), _center.Caller(caller));
        Assert.Equal("bob", (await _center.ConferenceAsync(caller.Sid)).HandlingAgentId);

        await bob.Button("Hang up").ClickAsync();
        await Expect(bob.Call).ToBeHiddenAsync();
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        await bob.ScreenshotAsync("call-ended");
        await alice.ExpectNoErrorsAsync();
        await bob.ExpectNoErrorsAsync();
    }

    [Fact]
    public async Task A_failed_transfer_tells_the_transferer_why_and_gives_the_caller_back()
    {
        var shots = new Screenshots("failed-transfer");
        var alice = await SignedInAsync("alice", shots);
        var bob = await SignedInAsync("bob", shots);
        var caller = await AnsweredByAsync(alice);

        await alice.Button("Transfer to bob").ClickAsync();
        await Expect(bob.Incoming).ToBeVisibleAsync();
        await bob.Button("Reject").ClickAsync();

        await Expect(alice.Notices).ToContainTextAsync("bob declined the call.");
        await Expect(alice.Call).ToContainTextAsync("Talking with the caller.");
        await Expect(alice.Participant($"Caller {CallerNumber}")).ToContainTextAsync("in call");
        await Expect(alice.Participant("bob")).ToHaveCountAsync(0);
        await Expect(bob.Incoming).ToBeHiddenAsync();
        Assert.Equal((false, Audio.Conversation), _center.Caller(caller));
        await alice.ScreenshotAsync("transfer-declined");

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Dismiss: bob declined the call." }).ClickAsync();
        await Expect(alice.Notices).ToBeEmptyAsync();
        await alice.ExpectNoErrorsAsync();
        await bob.ExpectNoErrorsAsync();
    }

    [Fact]
    public async Task A_call_left_ringing_goes_away_from_the_page_and_the_agent_is_told_they_are_now_away()
    {
        var shots = new Screenshots("missed-call");
        var alice = await SignedInAsync("alice", shots);
        _center.Twilio.DialIn(_center.VoiceUrl, from: CallerNumber);
        await Expect(alice.Incoming).ToBeVisibleAsync();

        _center.Twilio.TimeOut(await _center.Twilio.RingingAsync("alice"));

        await Expect(alice.Incoming).ToBeHiddenAsync();
        await Expect(alice.Notices).ToContainTextAsync("You missed a call, so you are now away.");
        await Expect(alice.Presence).ToHaveTextAsync("Away");
        await Expect(alice.Button("Away")).ToHaveAttributeAsync("aria-pressed", "true");
        await alice.ScreenshotAsync("missed");
        await alice.ExpectNoErrorsAsync();
    }

    [Fact]
    public async Task An_agent_works_a_call_with_the_keyboard_alone_on_a_320_pixel_screen()
    {
        var shots = new Screenshots("keyboard-320px");
        var carol = await AgentConsole.OpenAsync(browser.Browser, _center.Host.BaseUrl, _center.Twilio, "carol", shots, width: 320);
        _consoles.Add(carol);
        var page = carol.Page;
        await Expect(page.GetByLabel("Agent id")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("carol");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Support.TestCredentials.AgentPassword);
        await page.Keyboard.PressAsync("Enter");
        await carol.ExpectSignedInAsync();
        await carol.ScreenshotAsync("signed-in");

        var caller = _center.Twilio.DialIn(_center.VoiceUrl, from: CallerNumber);
        await Expect(carol.Button("Accept")).ToBeFocusedAsync();
        await carol.ScreenshotAsync("incoming");
        await page.Keyboard.PressAsync("Enter");
        await Expect(carol.Call).ToContainTextAsync("Talking with the caller.");

        await TabToAsync(page, "Hold caller");
        await page.Keyboard.PressAsync("Enter");
        await Expect(carol.Participant($"Caller {CallerNumber}")).ToContainTextAsync("on hold");
        await Expect(carol.Button("Resume caller")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal((true, Audio.HoldMusic), _center.Caller(caller));
        await carol.ScreenshotAsync("caller-on-hold");
        await page.Keyboard.PressAsync("Enter");
        await Expect(carol.Participant($"Caller {CallerNumber}")).ToContainTextAsync("in call");
        Assert.Equal((false, Audio.Conversation), _center.Caller(caller));

        await TabToAsync(page, "Mute");
        await page.Keyboard.PressAsync("Enter");
        await Expect(carol.Button("Unmute")).ToHaveAttributeAsync("aria-pressed", "true");
        var carolsLeg = _center.Twilio.CallsTo("carol").Single();
        await _center.Twilio.WaitUntilAsync(() => carolsLeg.MicrophoneMuted && caller.Hearing == Audio.Silence, "carol's microphone to be muted, so the caller hears silence");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"), "the console scrolls sideways at 320 px");
        await carol.ScreenshotAsync("muted");

        await TabToAsync(page, "Hang up");
        await page.Keyboard.PressAsync("Enter");
        await Expect(carol.Call).ToBeHiddenAsync();
        await _center.WaitForPhaseAsync(caller.Sid, ConferencePhase.Ended);
        await _center.Twilio.WaitUntilAsync(() => !caller.IsLive, "the caller's call to end");
        await carol.ScreenshotAsync("hung-up");
        await carol.ExpectNoErrorsAsync();
    }

    [Fact]
    public async Task Presence_is_the_agents_choice_and_the_phone_renews_its_token_before_it_expires()
    {
        // Tokens that live just over the minute before expiry at which the console asks for a new one: the phone renews
        // its token every couple of seconds, on its own timer.
        await _center.DisposeAsync();
        _center = await CallCenter.StartAsync(configure: settings => settings["WarmTransfer:AccessTokenLifetime"] = "00:01:02");
        var phones = _center.Twilio.BrowserPhones;
        var shots = new Screenshots("presence-and-token");
        var dave = await SignedInAsync("dave", shots);
        var alice = await SignedInAsync("alice", shots);

        await dave.Button("Away").ClickAsync();
        await Expect(dave.Presence).ToHaveTextAsync("Away");
        await Expect(dave.Button("Away")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(alice.RosterEntry("dave")).ToContainTextAsync("Away");
        Assert.Equal(AgentPresence.Away, (await _center.AgentViewAsync("dave")).Presence);
        await dave.ScreenshotAsync("away");

        var tokens = phones.TokensOf("dave").Count;
        await Eventually.Until(() => phones.TokensOf("dave").Count > tokens, "the console to renew dave's token");
        var renewed = phones.TokensOf("dave");
        Assert.NotEqual(renewed[^2], renewed[^1]);
        Assert.True(phones.IsRegistered("dave"));
        Assert.Equal(AgentPresence.Away, (await _center.AgentViewAsync("dave")).Presence);

        await dave.Button("Available").ClickAsync();
        await Expect(alice.RosterEntry("dave")).ToContainTextAsync("Available");
        await dave.ExpectNoErrorsAsync();
        await alice.ExpectNoErrorsAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_reason_and_signing_out_takes_the_agent_offline()
    {
        var shots = new Screenshots("sign-in-and-out");
        var bob = await AgentConsole.OpenAsync(browser.Browser, _center.Host.BaseUrl, _center.Twilio, "bob", shots);
        _consoles.Add(bob);

        await bob.Page.GetByLabel("Agent id").FillAsync("bob");
        await bob.Page.GetByLabel("Password").FillAsync("not-the-password");
        await bob.Button("Sign in").ClickAsync();
        await Expect(bob.Page.Locator("#sign-in-error")).ToHaveTextAsync("Unknown agent or wrong password.");
        await bob.ScreenshotAsync("wrong-password");

        await bob.SignInAsync();
        await bob.Button("Sign out").ClickAsync();
        await Expect(bob.Page.Locator("#sign-in")).ToBeVisibleAsync();
        await Eventually.Until(() => _center.AgentViewAsync("bob"), v => v.Presence == AgentPresence.Offline, "bob to be offline");
        await Eventually.Until(() => !_center.Twilio.BrowserPhones.IsRegistered("bob"), "bob's phone to unregister");
        Assert.All(bob.Errors, e => Assert.Contains("401", e));
    }

    [Fact]
    public async Task The_real_voice_sdk_is_served_from_this_host_and_has_what_the_console_and_the_sandbox_stand_in_use()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = _center.Host.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        var errors = new PageErrors(page);

        var sdk = await context.APIRequest.GetAsync("/lib/twilio.min.js");
        Assert.Equal(200, sdk.Status);
        Assert.Contains("javascript", sdk.Headers["content-type"], StringComparison.Ordinal);
        await page.GotoAsync("/");
        await Expect(page.GetByLabel("Agent id")).ToBeFocusedAsync();

        var surface = await page.EvaluateAsync<string[]>("""
            () => {
              const device = window.Twilio?.Device?.prototype ?? {};
              const call = window.Twilio?.Call?.prototype ?? {};
              return [
                ...['register', 'unregister', 'updateToken', 'destroy', 'on'].filter(m => typeof device[m] !== 'function').map(m => 'Device.' + m),
                ...['accept', 'reject', 'disconnect', 'mute', 'isMuted', 'on'].filter(m => typeof call[m] !== 'function').map(m => 'Call.' + m),
              ];
            }
            """);
        Assert.Empty(surface);
        Assert.True(errors.All.Count == 0, errors.ToString());
    }

    private async Task<AgentConsole> SignedInAsync(string agentId, Screenshots shots)
    {
        var console = await AgentConsole.OpenAsync(browser.Browser, _center.Host.BaseUrl, _center.Twilio, agentId, shots);
        _consoles.Add(console);
        await console.SignInAsync();
        await Expect(console.Presence).ToHaveTextAsync("Available");
        return console;
    }

    private async Task<FakeCall> AnsweredByAsync(AgentConsole agent)
    {
        var caller = _center.Twilio.DialIn(_center.VoiceUrl, from: CallerNumber);
        await agent.Button("Accept").ClickAsync();
        await Expect(agent.Call).ToContainTextAsync("Talking with the caller.");
        return caller;
    }

    /// <summary>Presses Tab until the named button has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            if (await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''") == name)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached the \"{name}\" button");
    }
}
