namespace WarmTransfer.Web.Twilio;

/// <summary>
/// A status callback whose I-Twilio-Idempotency-Token was already processed is answered 204 and changes nothing: Twilio
/// records any 4xx to a callback as error 11200 in the customer's debugger. Only successful deliveries are remembered,
/// so Twilio's retry after a failure still gets through; a token that is not Twilio's shape is treated as absent.
/// </summary>
public sealed class ReplayFilter(ReplayGuard guard) : IEndpointFilter
{
    public const string IdempotencyTokenHeader = "I-Twilio-Idempotency-Token";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var token = context.HttpContext.Request.Headers[IdempotencyTokenHeader] is [{ } value] && ReplayGuard.IsRememberable(value) ? value : null;
        if (token is not null && guard.WasProcessed(token))
        {
            return TypedResults.NoContent();
        }

        var result = await next(context);
        var outcome = result is INestedHttpResult nested ? nested.Result : result;
        if (token is not null && outcome is NoContent)
        {
            guard.MarkProcessed(token);
        }

        return result;
    }
}
