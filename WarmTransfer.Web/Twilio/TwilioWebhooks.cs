using WarmTransfer.Grains.Conferences;
using WarmTransfer.Web.Agents;
using WarmTransfer.Web.Hosting;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Web.Twilio;

/// <summary>The routes Twilio calls: TwiML for callers and agents' legs, and status callbacks. All signed by Twilio.</summary>
public static class TwilioWebhooks
{
    public static IEndpointRouteBuilder MapTwilioWebhooks(this IEndpointRouteBuilder app)
    {
        var twilio = app.MapGroup("/conference")
            .AddRequestGate<TwilioSignatureFilter>()
            .DisableAntiforgery()
            .WithTags("Twilio webhooks");

        twilio.MapPost("/connect/client", ConnectCaller);
        twilio.MapPost("/wait", ([AsParameters] WebhookServices services) => TwimlResults.Xml(Twiml.Wait(services.Options.CurrentValue)));
        twilio.MapPost("/hold", ([AsParameters] WebhookServices services) => TwimlResults.Xml(Twiml.Hold(services.Options.CurrentValue)));
        twilio.MapPost("/{conferenceId}/connect/{agentId}", ConnectAgent);
        twilio.MapPost("/{conferenceId}/return", CallerReturns);

        var callbacks = twilio.MapGroup("").AddEndpointFilter<ReplayFilter>();
        callbacks.MapPost("/{conferenceId}/events", ConferenceEvents);
        callbacks.MapPost("/{conferenceId}/calls/{agentId}/status", AgentCallStatus);
        callbacks.MapPost("/caller/status", CallerStatus);
        return app;
    }

    /// <summary>A caller dialled our number: they wait in the conference named by their CallSid while an agent is rung.</summary>
    public static async Task<Results<TwimlResult, ProblemHttpResult>> ConnectCaller([AsParameters] WebhookServices services, IFormCollection form)
    {
        if (!TwilioForms.TryReadCallSid(form, out var callSid, out var error))
        {
            return Malformed(services, error);
        }

        var call = new IncomingCall(callSid, form["From"].ToString(), form["To"].ToString());
        try
        {
            var admission = await GrainCalls.WithRetryAsync(() => services.Grains.Reference<IConferenceGrain>(callSid).AdmitCallerAsync(call));
            return TwimlResults.Xml(Twiml.CallerJoins(admission, services.CallbackUrls));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TwilioWebhookLog.GrainsFailed(services.Log, ex, services.Request.Path, callSid);
            return TwimlResults.Xml(Twiml.Goodbye(Twiml.SorryMessage));
        }
    }

    /// <summary>An agent's leg answered: it joins the caller's conference, or hears why not and hangs up.</summary>
    public static async Task<Results<TwimlResult, ProblemHttpResult>> ConnectAgent(
        [AsParameters] WebhookServices services, string conferenceId, string agentId, IFormCollection form)
    {
        if (!Sids.IsCallSid(conferenceId) || !AgentIdentity.IsValid(agentId))
        {
            return Malformed(services, "The URL does not name a conference (a CallSid) and an agent identity.");
        }

        if (!TwilioForms.TryReadCallSid(form, out var callSid, out var error))
        {
            return Malformed(services, error);
        }

        try
        {
            var connection = await GrainCalls.WithRetryAsync(() => services.Grains.Reference<IConferenceGrain>(conferenceId).ConnectAgentAsync(agentId, callSid));
            return TwimlResults.Xml(Twiml.AgentJoins(connection, agentId, callSid, services.CallbackUrls));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TwilioWebhookLog.GrainsFailed(services.Log, ex, services.Request.Path, conferenceId);
            return TwimlResults.Xml(Twiml.Goodbye("Sorry, this call cannot be connected right now."));
        }
    }

    /// <summary>
    /// The caller's &lt;Dial&gt; ended and Twilio runs our &lt;Redirect&gt; after it. A caller who still waits goes back in; one whose
    /// call an agent ended hears nothing more. If the grains cannot be asked, the caller goes back in: a waiting caller
    /// must never be dropped by our failure, and one whose call is over can still hang up.
    /// </summary>
    public static async Task<Results<TwimlResult, ProblemHttpResult>> CallerReturns(
        [AsParameters] WebhookServices services, string conferenceId, int? attempt)
    {
        if (!Sids.IsCallSid(conferenceId) || attempt is not (> 0 and <= Twiml.MaxCallerReturns + 1))
        {
            return Malformed(services, $"The URL must name a conference (a CallSid) and an attempt from 1 to {Twiml.MaxCallerReturns + 1}.");
        }

        if (attempt > Twiml.MaxCallerReturns)
        {
            return TwimlResults.Xml(Twiml.Goodbye(Twiml.SorryMessage));
        }

        try
        {
            var admission = await GrainCalls.WithRetryAsync(() => services.Grains.Reference<IConferenceGrain>(conferenceId).ReturnCallerAsync());
            return TwimlResults.Xml(admission.Admitted ? Twiml.CallerJoins(admission, services.CallbackUrls, attempt.Value) : Twiml.CallerLeaves());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TwilioWebhookLog.GrainsFailed(services.Log, ex, services.Request.Path, conferenceId);
            return TwimlResults.Xml(Twiml.CallerJoins(new CallerAdmission(true, conferenceId, null), services.CallbackUrls, attempt.Value));
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ConferenceEvents([AsParameters] WebhookServices services, string conferenceId, IFormCollection form)
    {
        if (!Sids.IsCallSid(conferenceId))
        {
            return Malformed(services, "The URL does not name a conference (a CallSid).");
        }

        if (!TwilioForms.TryReadConferenceEvent(form, conferenceId, out var conferenceEvent, out var error))
        {
            return Malformed(services, error);
        }

        return await Deliver(services, conferenceId, grain => grain.OnConferenceEventAsync(conferenceEvent));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AgentCallStatus([AsParameters] WebhookServices services, string conferenceId, string agentId, IFormCollection form)
    {
        if (!Sids.IsCallSid(conferenceId) || !AgentIdentity.IsValid(agentId))
        {
            return Malformed(services, "The URL does not name a conference (a CallSid) and an agent identity.");
        }

        if (!TwilioForms.TryReadCallStatus(form, out var report, out var error))
        {
            return Malformed(services, error);
        }

        return await Deliver(services, conferenceId, grain => grain.OnCallStatusAsync(report));
    }

    /// <summary>The caller's own call status (configured on the phone number): the caller's CallSid names the conference.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> CallerStatus([AsParameters] WebhookServices services, IFormCollection form)
    {
        if (!TwilioForms.TryReadCallStatus(form, out var report, out var error))
        {
            return Malformed(services, error);
        }

        return await Deliver(services, report.CallSid, grain => grain.OnCallStatusAsync(report));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deliver(WebhookServices services, string conferenceId, Func<IConferenceGrain, Task> deliver)
    {
        try
        {
            await GrainCalls.WithRetryAsync(() => deliver(services.Grains.Reference<IConferenceGrain>(conferenceId)));
            return TypedResults.NoContent();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            TwilioWebhookLog.GrainsFailed(services.Log, ex, services.Request.Path, conferenceId);
            services.Repair.Request(conferenceId);
            return Problems.Unavailable("The call state could not be updated right now.");
        }
    }

    private static ProblemHttpResult Malformed(WebhookServices services, string reason)
    {
        services.Rejections.Refused(RejectionKind.MalformedWebhook, services.Request, reason);
        return Problems.BadRequest(reason);
    }
}
