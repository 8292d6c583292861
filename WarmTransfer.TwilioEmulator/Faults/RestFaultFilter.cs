using System.Globalization;

namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// Carries out an injected REST fault around the emulator's handler. The error bodies are Twilio's JSON error shape
/// ({code, message, more_info, status}), which the SDK turns into an ApiException with Code and Status.
/// </summary>
internal static class RestFaultFilter
{
    public static async ValueTask<object?> Apply(RestFault fault, TwilioFaults? faults, EndpointFilterInvocationContext context, EndpointFilterDelegate next, CancellationToken stopping)
    {
        var http = context.HttpContext;
        switch (fault)
        {
            case RestFault.TooManyRequests:
                // Twilio, "20429: Too many requests", https://www.twilio.com/docs/api/errors/20429: "Requests that receive 429
                // responses aren't processed and are safe to retry after backing off."
                // Assumption: the 429 carries Retry-After in seconds (Twilio's error pages tell clients to read it, e.g.
                // https://www.twilio.com/docs/api/errors/59004, without giving the REST API's value).
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling((faults?.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Error(20429, "Too Many Requests", 429);
            case RestFault.ServerError:
                // Twilio, "20500: Internal Server Error", https://www.twilio.com/docs/api/errors/20500.
                // Assumption: an injected 500 executed nothing (the page warns a retried non-idempotent POST may act twice;
                // that case is AnswerLost).
                return Error(20500, "Internal Server Error", 500);
            case RestFault.ServiceUnavailable:
                // Twilio, "20503: Service unavailable", https://www.twilio.com/docs/api/errors/20503: "Try again a few times with
                // exponential back-off".
                // Assumption: an injected 503 executed nothing.
                return Error(20503, "Service Unavailable", 503);
            case RestFault.SlowAnswer:
                await Task.Delay(faults?.SlowAnswerDelay ?? TimeSpan.FromMilliseconds(250), stopping);
                return await next(context);
            case RestFault.Timeout:
                // The request hangs until the client gives up (or the emulator stops holding it); nothing is executed.
                using (var hold = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(faults?.TimeoutHold ?? TimeSpan.FromSeconds(30), hold.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                http.Abort();
                return Results.Empty;
            case RestFault.ConnectionReset:
                http.Abort();
                return Results.Empty;
            case RestFault.AnswerLost:
                // Executed (and its webhooks scheduled), then the connection drops before the answer is written.
                await next(context);
                http.Abort();
                return Results.Empty;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    public static IResult Error(int code, string message, int status) => Results.Json(TwilioJson.Error(code, message, status), statusCode: status);
}
