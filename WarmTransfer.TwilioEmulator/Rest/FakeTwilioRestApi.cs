using System.Text;

namespace WarmTransfer.TwilioEmulator;

/// <summary>The slice of Twilio's REST API (2010-04-01) the app uses, answered before any webhook it causes is sent.</summary>
internal static class FakeTwilioRestApi
{
    public static void Map(WebApplication app, TelephoneNetwork network, string authToken, List<RestRequest> requests, FaultInjector faults, CancellationToken stopping)
    {
        var account = app.MapGroup("/2010-04-01/Accounts/{accountSid}");
        account.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
            var pairs = form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList() ?? [];
            var authenticated = Authenticated(http.Request, network.AccountSid, authToken) && (string?)http.Request.RouteValues["accountSid"] == network.AccountSid;
            var request = new RestRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, pairs, authenticated);
            var fault = authenticated ? faults.NextRestFault(request) : null;
            lock (requests)
            {
                requests.Add(request with { Fault = fault });
            }

            if (!authenticated)
            {
                return Error(20003, "Authenticate", 401);
            }

            if (faults.TakeHold(request) is { } hold)
            {
                await hold.HoldAsync(request, stopping);
            }

            return fault is { } injected ? await RestFaultFilter.Apply(injected, faults.Faults, context, next, stopping) : await next(context);
        });

        account.MapPost("/Calls.json", (HttpRequest request) =>
        {
            var form = request.Form;
            if (string.IsNullOrEmpty(form["To"]) || string.IsNullOrEmpty(form["From"]) || (string.IsNullOrEmpty(form["Url"]) && string.IsNullOrEmpty(form["Twiml"])))
            {
                return Error(21201, "To, From and Url or Twiml are required.", 400);
            }

            var queued = network.Change(() =>
            {
                var call = network.PlaceOutbound(form["To"]!, form["From"]!, OptionalUri(form["Url"]), Method(form["Method"], "POST"),
                    NullIfEmpty(form["Twiml"]), OptionalUri(form["StatusCallback"]), Method(form["StatusCallbackMethod"], "POST"), form["StatusCallbackEvent"].Select(e => e ?? ""),
                    int.TryParse(form["Timeout"], out var timeout) ? timeout : null);
                var json = TwilioJson.Call(network.AccountSid, call);
                network.Ring(call);
                return json;
            });
            return Results.Json(queued, statusCode: 201);
        });

        account.MapGet("/Calls.json", (HttpRequest request) => CallList.Read(network, request.Query));

        account.MapGet("/Calls/{sid}.json", (string sid) =>
            network.Read((_, _) => network.Call(sid)) is { } call ? Results.Json(TwilioJson.Call(network.AccountSid, call)) : NotFound());

        account.MapPost("/Calls/{sid}.json", (string sid, HttpRequest request) =>
        {
            var form = request.Form;
            return network.Change(() =>
            {
                if (network.Call(sid) is not { } call)
                {
                    return NotFound();
                }

                var refusal = network.UpdateCall(call, NullIfEmpty(form["Status"]), OptionalUri(form["Url"]), Method(form["Method"], "POST"), NullIfEmpty(form["Twiml"]));
                return refusal is null ? Results.Json(TwilioJson.Call(network.AccountSid, call)) : Error(21220, refusal, 400);
            });
        });

        account.MapGet("/Conferences.json", (string? friendlyName, string? status) => network.Read((_, conferences) =>
        {
            var found = conferences
                .Where(c => friendlyName is null || c.FriendlyName == friendlyName)
                .Where(c => status is null || c.Status == status)
                .OrderByDescending(c => c.Created)
                .Select(object (c) => TwilioJson.Conference(network.AccountSid, c))
                .ToList();
            return Results.Json(TwilioJson.Page(network.AccountSid, "Conferences", "conferences", found));
        }));

        account.MapGet("/Conferences/{sid}.json", (string sid) =>
            network.Read((_, _) => network.Conference(sid)) is { } conference ? Results.Json(TwilioJson.Conference(network.AccountSid, conference)) : NotFound());

        account.MapPost("/Conferences/{sid}.json", (string sid, HttpRequest request) => network.Change(() =>
        {
            if (network.Conference(sid) is not { } conference)
            {
                return NotFound();
            }

            if (request.Form["Status"] == "completed")
            {
                network.EndConference(conference, "conference-ended-via-api", null);
            }

            return Results.Json(TwilioJson.Conference(network.AccountSid, conference));
        }));

        // Twilio's OpenAPI description: GET /Conferences/{ConferenceSid}/Participants.json lists the participants now in the room
        // ("this resource does not return historical participant logs": Twilio, "Conference Participant Resource",
        // https://www.twilio.com/docs/voice/api/conference-participant-resource), filtered by Muted and Hold.
        account.MapGet("/Conferences/{conferenceSid}/Participants.json", (string conferenceSid, bool? muted, bool? hold) => network.Read((_, _) =>
        {
            if (network.Conference(conferenceSid) is not { } conference)
            {
                return NotFound();
            }

            var found = conference.Participants
                .Where(p => muted is null || p.Muted == muted)
                .Where(p => hold is null || p.Hold == hold)
                .Select(object (p) => TwilioJson.Participant(network.AccountSid, conference, p))
                .ToList();
            return Results.Json(TwilioJson.Page(network.AccountSid, $"Conferences/{conference.Sid}/Participants", "participants", found));
        }));

        account.MapGet("/Conferences/{conferenceSid}/Participants/{callSid}.json", (string conferenceSid, string callSid) => network.Read((_, _) =>
            network.Conference(conferenceSid) is { } conference && conference.Participant(callSid) is { } participant
                ? Results.Json(TwilioJson.Participant(network.AccountSid, conference, participant))
                : NotFound()));

        account.MapPost("/Conferences/{conferenceSid}/Participants/{callSid}.json", (string conferenceSid, string callSid, HttpRequest request) =>
        {
            var form = request.Form;
            return network.Change(() =>
            {
                if (network.Conference(conferenceSid) is not { Ended: false } conference || conference.Participant(callSid) is not { } participant)
                {
                    return NotFound();
                }

                network.UpdateParticipant(participant, conference, OptionalBool(form["Hold"]), OptionalUri(form["HoldUrl"]), Method(form["HoldMethod"], "GET"),
                    OptionalBool(form["EndConferenceOnExit"]), OptionalBool(form["Muted"]));
                return Results.Json(TwilioJson.Participant(network.AccountSid, conference, participant));
            });
        });

        account.MapDelete("/Conferences/{conferenceSid}/Participants/{callSid}.json", (string conferenceSid, string callSid) => network.Change(() =>
        {
            if (network.Conference(conferenceSid) is not { Ended: false } conference || conference.Participant(callSid) is not { } participant)
            {
                return NotFound();
            }

            network.RemoveParticipant(conference, participant);
            return Results.NoContent();
        }));
    }

    private static bool Authenticated(HttpRequest request, string accountSid, string authToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
            return credentials == $"{accountSid}:{authToken}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult NotFound() => Error(20404, "The requested resource was not found", 404);

    private static IResult Error(int code, string message, int status) => RestFaultFilter.Error(code, message, status);

    private static Uri? OptionalUri(string? value) => string.IsNullOrEmpty(value) ? null : new Uri(value);

    private static bool? OptionalBool(string? value) => string.IsNullOrEmpty(value) ? null : bool.Parse(value);

    private static string Method(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value.ToUpperInvariant();

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
