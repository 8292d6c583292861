using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace WarmTransfer.Grains.Telephony;

/// <summary>
/// Retries Twilio's transient failures on the SDK's HttpClient: 429, 5xx, 408, timeouts and connection failures, with
/// exponential backoff and jitter, every attempt and the whole bounded in time. Twilio, error 20429
/// (https://www.twilio.com/docs/api/errors/20429): "Requests that receive 429 responses aren't processed and are safe to
/// retry after backing off". Assumption: Twilio may send Retry-After with a 429; no document says so, and it is honoured when present.
/// Creating a call is retried only on 429, the one answer that says Twilio did not place it: after a 5xx or a timeout
/// the call may exist, and ringing an agent twice is worse than failing the dial (the rules then try again).
/// Updates (hold, flags, hang-up) set a value, so a repeat is harmless.
/// A request holds its slot (<see cref="TwilioRequestLimits"/>) through its backoffs too: when Twilio says 429, the slot
/// stays empty rather than taken by another request. Waiting for a slot counts against the whole request's time.
/// </summary>
public static class TwilioResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(TwilioRetryPolicy policy, RateLimiter slots) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(policy.TotalTimeout)
            .AddRateLimiter(slots)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage())),
            })
            .AddTimeout(policy.AttemptTimeout)
            .Build();

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) =>
        CreatesCall(request)
            ? outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
            : HttpClientResiliencePredicates.IsTransient(outcome);

    private static bool CreatesCall(HttpRequestMessage? request) =>
        request is not null && request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/Calls.json", StringComparison.Ordinal) == true;
}
