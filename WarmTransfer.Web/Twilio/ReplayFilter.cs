namespace WarmTransfer.Web.Twilio;

/// <summary>
/// Refuses a status callback whose I-Twilio-Idempotency-Token was already processed: a replay changes nothing and
/// says so (409). Only successful deliveries are remembered, so Twilio's retry after a failure still gets through.
/// </summary>
public sealed class ReplayFilter(ReplayGuard guard) : IEndpointFilter
{
    public const string IdempotencyTokenHeader = "I-Twilio-Idempotency-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = http.Request.Headers[IdempotencyTokenHeader].ToString();
        if (token.Length > 0 && guard.WasProcessed(token))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Replayed webhook",
                $"This callback ({IdempotencyTokenHeader} {token}) was already processed; it changes nothing.");
        }

        var result = await next(context);
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        if (token.Length > 0 && outcome is NoContent)
        {
            guard.MarkProcessed(token);
        }

        return result;
    }
}
