using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// The HTTP surface a browser phone talks to in place of Twilio's signalling: register with an access token, follow the
/// calls ringing it (Server-Sent Events), accept, reject, mute, unmute or hang up. A host maps it under a prefix of its choice; the
/// registration id in the path is the secret that stands for the registered Device.
/// </summary>
// Not Twilio's protocol: Twilio does not publish the signalling between the Voice SDK and its cloud, so this surface is the
// emulator's own; only what it carries (identity, token, the call's ringing and end) follows Twilio's documents.
public static class BrowserPhoneEndpoints
{
    public static RouteGroupBuilder MapBrowserPhones(this IEndpointRouteBuilder routes, string prefix, BrowserPhones phones)
    {
        var group = routes.MapGroup(prefix).DisableAntiforgery();
        group.MapPost("/registrations", (TokenBody body) => RegisterAsync(phones, body));
        group.MapPut("/registrations/{registrationId}", (string registrationId, TokenBody body) => RenewAsync(phones, registrationId, body));
        group.MapDelete("/registrations/{registrationId}", (string registrationId) => Unregister(phones, registrationId));
        group.MapGet("/registrations/{registrationId}/events", (string registrationId, CancellationToken cancellationToken) => Follow(phones, registrationId, cancellationToken));
        group.MapPost("/registrations/{registrationId}/calls/{callSid}/{action}", (string registrationId, string callSid, string action) => Act(phones, registrationId, callSid, action));
        return group;
    }

    public sealed record TokenBody(string? Token);

    public sealed record Registration(string RegistrationId, string Identity);

    private static async Task<Results<Ok<Registration>, ProblemHttpResult>> RegisterAsync(BrowserPhones phones, TokenBody? body)
    {
        if (body?.Token is not { Length: > 0 } token)
        {
            return Refused(StatusCodes.Status400BadRequest, "A token is required (the agent's Voice access token).");
        }

        var (id, identity, refusal) = await phones.RegisterAsync(token);
        return id is null ? Refused(StatusCodes.Status401Unauthorized, refusal!) : TypedResults.Ok(new Registration(id, identity!));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RenewAsync(BrowserPhones phones, string registrationId, TokenBody? body)
    {
        if (body?.Token is not { Length: > 0 } token)
        {
            return Refused(StatusCodes.Status400BadRequest, "A token is required (the agent's Voice access token).");
        }

        var refusal = await phones.RenewAsync(registrationId, token);
        return refusal is null ? TypedResults.NoContent() : Refused(StatusCodes.Status401Unauthorized, refusal);
    }

    private static Results<NoContent, NotFound> Unregister(BrowserPhones phones, string registrationId) =>
        phones.Unregister(registrationId) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static Results<ServerSentEventsResult<BrowserPhoneEvent>, NotFound> Follow(BrowserPhones phones, string registrationId, CancellationToken cancellationToken) =>
        phones.IdentityOf(registrationId) is null ? TypedResults.NotFound() : TypedResults.ServerSentEvents(Events(phones, registrationId, cancellationToken));

    private static async IAsyncEnumerable<SseItem<BrowserPhoneEvent>> Events(BrowserPhones phones, string registrationId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in phones.FollowAsync(registrationId, cancellationToken))
        {
            yield return new SseItem<BrowserPhoneEvent>(change, change.Type);
        }
    }

    private static Results<NoContent, ProblemHttpResult> Act(BrowserPhones phones, string registrationId, string callSid, string action)
    {
        BrowserPhoneAction? chosen = action switch
        {
            "accept" => BrowserPhoneAction.Accept,
            "reject" => BrowserPhoneAction.Reject,
            "mute" => BrowserPhoneAction.Mute,
            "unmute" => BrowserPhoneAction.Unmute,
            "hangup" => BrowserPhoneAction.HangUp,
            _ => null,
        };
        if (chosen is not { } known)
        {
            return Refused(StatusCodes.Status404NotFound, "The action is accept, reject, mute, unmute or hangup.");
        }

        if (phones.IdentityOf(registrationId) is null)
        {
            return Refused(StatusCodes.Status404NotFound, "No such registration: register the phone again.");
        }

        return phones.Act(registrationId, callSid, known)
            ? TypedResults.NoContent()
            : Refused(StatusCodes.Status409Conflict, $"Call {callSid} is not this phone's, or it is past {action}.");
    }

    private static ProblemHttpResult Refused(int status, string detail) => TypedResults.Problem(detail, statusCode: status);
}
