using WarmTransfer.Grains.Agents;
using WarmTransfer.Grains.Conferences;
using WarmTransfer.Grains.Hosting;
using WarmTransfer.Grains.Routing;
using WarmTransfer.Web.Hosting;

namespace WarmTransfer.Web.Agents;

/// <summary>The agent console's API. Every route needs a signed-in agent acting on its own id; changes need the CSRF token.</summary>
public static class AgentApi
{
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.Agents)
            .AddRequestGate<AgentRouteFilter>()
            .AddRequestGate<CsrfFilter>()
            .DisableAntiforgery()
            .WithTags("Agents");

        agent.MapSeedRoutes();

        var own = agent.MapGroup("/agents/{agentId}");
        own.MapGet("", Snapshot);
        own.MapGet("/events", Events);
        own.MapPost("/token", IssueToken);
        own.MapPut("/presence", ChoosePresence);
        own.MapPost("/transfer", (string agentId, TransferRequest request, IGrainFactory grains) =>
            Command(grains, agentId, c => c.StartTransferAsync(agentId, request.To), request.To));
        own.MapPost("/transfer/three-way", (string agentId, IGrainFactory grains) => Command(grains, agentId, c => c.JoinThreeWayAsync(agentId)));
        own.MapPost("/transfer/complete", (string agentId, IGrainFactory grains) => Command(grains, agentId, c => c.CompleteTransferAsync(agentId)));
        own.MapPost("/transfer/cancel", (string agentId, IGrainFactory grains) => Command(grains, agentId, c => c.CancelTransferAsync(agentId)));
        own.MapPost("/hold", (string agentId, HoldRequest request, IGrainFactory grains) => Command(grains, agentId, c => c.HoldCallerAsync(agentId, request.Hold)));
        own.MapPost("/hangup", (string agentId, IGrainFactory grains) => Command(grains, agentId, c => c.HangUpAsync(agentId)));

        app.MapGet("/agents", Roster).RequireAuthorization().RequireRateLimiting(RateLimitPolicies.Agents).WithTags("Agents");
        return app;
    }

    /// <summary>A Voice SDK token for the agent's own identity; an offline agent becomes available.</summary>
    public static async Task<Results<Ok<IssuedToken>, ProblemHttpResult>> IssueToken(string agentId, AccessTokenIssuer issuer, IGrainFactory grains)
    {
        if (issuer.MissingKeys is { Count: > 0 } missing)
        {
            return Problems.TwilioNotConfigured(missing, "Voice access tokens cannot be issued");
        }

        var token = issuer.Issue(agentId);
        await grains.GetGrain<IAgentGrain>(agentId).ConnectAsync();
        return TypedResults.Ok(token);
    }

    public static async Task<Ok<AgentSnapshot>> Snapshot(string agentId, IGrainFactory grains) =>
        TypedResults.Ok(await AgentEventStream.SnapshotAsync(grains, agentId));

    public static ServerSentEventsResult<string> Events(string agentId, AgentEventStream stream, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(stream.FollowAsync(agentId, cancellationToken));

    public static async Task<Results<Ok<AgentView>, ProblemHttpResult>> ChoosePresence(string agentId, PresenceRequest request, IGrainFactory grains)
    {
        if (request.Presence is not (AgentPresence.Available or AgentPresence.Away or AgentPresence.Offline))
        {
            return Problems.BadRequest("Presence must be available, away or offline.");
        }

        return TypedResults.Ok(await grains.GetGrain<IAgentGrain>(agentId).ChoosePresenceAsync(request.Presence));
    }

    public static async Task<Ok<IReadOnlyList<RosterEntry>>> Roster(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<RosterEntry>>((await grains.GetGrain<IQueueGrain>(QueueNames.Support).GetAsync()).Agents);

    /// <summary>Runs a command on the agent's current conference and maps the grain's answer to HTTP.</summary>
    internal static async Task<Results<Ok<ConferenceView>, ProblemHttpResult>> Command(
        IGrainFactory grains, string agentId, Func<IConferenceGrain, Task<CommandResult>> command, string? targetAgentId = null)
    {
        if (targetAgentId is not null && !AgentIdentity.IsValid(targetAgentId))
        {
            return Problems.BadRequest($"The transfer target is not a valid agent id. {AgentIdentity.Rule}");
        }

        var agent = await GrainCalls.WithRetryAsync(() => grains.GetGrain<IAgentGrain>(agentId).GetAsync());
        if (agent.CurrentConferenceId is not { } conferenceId)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "No call", "You are not on a call.");
        }

        // Retried only if it never reached the call: a command is not idempotent from the agent's point of view (a repeat would be refused).
        CommandResult result;
        try
        {
            result = await GrainCalls.WithRetryAsync(() => command(grains.GetGrain<IConferenceGrain>(conferenceId)), GrainCalls.NeverDelivered);
        }
        catch (Exception ex) when (GrainCalls.IsTransient(ex))
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Call unreachable",
                "The call could not be reached just now; what you asked may still be done. The console shows the call as it is.");
        }

        return result.Outcome switch
        {
            CommandOutcome.Accepted => TypedResults.Ok(result.Conference),
            CommandOutcome.NotYourCall => Problems.Status(StatusCodes.Status403Forbidden, "Not your call", result.Reason ?? "You are not on this call."),
            CommandOutcome.Invalid => Problems.BadRequest(result.Reason ?? "The request is not valid."),
            CommandOutcome.TargetUnavailable => Problems.Status(StatusCodes.Status409Conflict, "Transfer target unavailable", result.Reason ?? "The target is not available."),
            CommandOutcome.TelephonyFailed => Problems.Status(StatusCodes.Status503ServiceUnavailable, "Twilio did not take the change", result.Reason ?? "Twilio could not be reached; please try again."),
            _ => Problems.Status(StatusCodes.Status409Conflict, "Not now", result.Reason ?? "The call is not in a state that allows this."),
        };
    }
}
