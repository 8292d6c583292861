using Microsoft.Playwright;
using WarmTransfer.TwilioEmulator;
using WarmTransfer.Web.Sandbox;

namespace WarmTransfer.Tests.Console;

/// <summary>
/// Gives the console of a host that is not in sandbox mode the sandbox's own Voice SDK stand-in (voice-sdk.js, as a newcomer
/// runs it) in place of Twilio's bundle, and carries its phone's requests to the test's emulator: the page still asks its
/// own origin, as it does in sandbox mode, and the browser sends the request on to the emulator's browser-phone surface.
/// </summary>
public static class SandboxVoiceSdk
{
    private const string PhonePath = "/sandbox/phone";

    public static async Task UseInAsync(IBrowserContext context, FakeTwilio twilio)
    {
        await context.RouteAsync("**/lib/twilio.min.js", route => FulfillAsync(route, "voice-sdk.js", "text/javascript"));
        await context.RouteAsync("**/sandbox/sandbox.css", route => FulfillAsync(route, "sandbox.css", "text/css"));
        await context.RouteAsync($"**{PhonePath}/**", route =>
        {
            var asked = new Uri(route.Request.Url);
            var rest = asked.PathAndQuery[PhonePath.Length..];
            return route.ContinueAsync(new RouteContinueOptions { Url = twilio.BrowserPhonesUrl + rest });
        });
    }

    private static async Task FulfillAsync(IRoute route, string asset, string contentType)
    {
        await using var stream = SandboxAssets.Open(asset) ?? throw new InvalidOperationException($"The web host has no sandbox asset {asset}.");
        using var reader = new StreamReader(stream);
        await route.FulfillAsync(new RouteFulfillOptions { ContentType = contentType, Body = await reader.ReadToEndAsync() });
    }
}
