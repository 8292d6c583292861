using System.Text.RegularExpressions;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Web.Sandbox;

/// <summary>
/// Sandbox mode only (404 otherwise): the caller's page and its API, the browser phones' link to the emulator, and the
/// Voice SDK stand-in served where the console loads the real SDK from.
/// </summary>
public static partial class SandboxEndpoints
{
    public static WebApplication MapSandbox(this WebApplication app)
    {
        if (app.Services.GetService<SandboxTwilio>() is not { } sandbox)
        {
            return app;
        }

        // An endpoint wins over the static file of the same path: the console's own code loads this instead of Twilio's SDK.
        app.MapGet("/lib/twilio.min.js", () => SandboxAssets.Serve("voice-sdk.js"));
        app.MapGet("/sandbox", () => SandboxAssets.Serve("caller.html"));
        app.MapGet("/sandbox/{asset:regex(^[a-z-]+\\.(js|css)$)}", (string asset) => SandboxAssets.Serve(asset));
        app.MapBrowserPhones("/sandbox/phone", sandbox.Twilio.BrowserPhones);

        var calls = app.MapGroup("/sandbox/calls").DisableAntiforgery();
        calls.MapGet("", async (SandboxCallers callers) => TypedResults.Ok(await callers.ListAsync()));
        calls.MapGet("/events", (SandboxCallers callers, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(callers.FollowAsync(cancellationToken), "callers"));
        calls.MapPost("", DialIn);
        calls.MapPost("/{callSid}/hangup", HangUp);
        return app;
    }

    public sealed record DialInRequest(string? From);

    public sealed record DialedIn(string CallSid, string From);

    private static Results<Created<DialedIn>, ProblemHttpResult> DialIn(DialInRequest? body, SandboxCallers callers)
    {
        if (body?.From is not { } from || !PhoneNumber().IsMatch(from))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Not a phone number", "Call in from an E.164 number such as +15550001111.");
        }

        var call = callers.DialIn(from);
        return TypedResults.Created($"/sandbox/calls/{call.Sid}", new DialedIn(call.Sid, from));
    }

    private static Results<NoContent, ProblemHttpResult> HangUp(string callSid, SandboxCallers callers) =>
        callers.Find(callSid) is null ? Problems.Status(StatusCodes.Status404NotFound, "No such caller", $"No simulated caller has CallSid {callSid}.")
        : callers.HangUp(callSid) ? TypedResults.NoContent()
        : Problems.Status(StatusCodes.Status409Conflict, "Already ended", "This call has already ended.");

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneNumber();
}
