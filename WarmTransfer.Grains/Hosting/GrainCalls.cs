using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace WarmTransfer.Grains.Hosting;

/// <summary>
/// Grain calls from webhooks (and an agent's word to the router): retried with backoff while a silo is lost (until
/// membership evicts it and the grain is activated elsewhere), within Twilio's deadline. Safe because every grain method
/// called this way is idempotent.
/// </summary>
public static class GrainCalls
{
    /// <summary>
    /// Twilio waits 15 s in all for a webhook's answer, connection included ("Twilio will wait for a total of 15 seconds to
    /// receive an HTTP response": https://www.twilio.com/docs/api/errors/11205); we answer, 503 if need be, well before.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(12);

    /// <summary>A call to a silo that died mid-call may never be answered; the grain does its work (REST calls included) well within this.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    public static Task<T> WithRetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) => WithRetryAsync(call, IsTransient, cancellationToken);

    /// <summary>Retries the failures <paramref name="retryable"/> accepts (e.g. only <see cref="NeverDelivered"/> for a call that is not idempotent).</summary>
    public static async Task<T> WithRetryAsync<T>(Func<Task<T>> call, Func<Exception, bool> retryable, CancellationToken cancellationToken = default)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Budget.TotalSeconds * TimeProvider.System.TimestampFrequency);
        var backoff = FirstBackoff;
        while (true)
        {
            var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            try
            {
                return await call().WaitAsync(left < AttemptTimeout ? left : AttemptTimeout, cancellationToken);
            }
            catch (Exception ex) when (retryable(ex) && TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline) > backoff)
            {
                await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(50)), cancellationToken);
                backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
            }
        }
    }

    public static Task WithRetryAsync(Func<Task> call, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    public static bool IsTransient(Exception ex) => ex is TimeoutException || NeverDelivered(ex) || StaleActivation(ex);

    /// <summary>
    /// The grain's write was refused because another activation stored the grain since (two activations of one grain can
    /// overlap briefly while silos join and leave). Nothing was told outside the grain before the write, and the grain
    /// deactivated itself, so a retry reaches a fresh activation that reads what was stored.
    /// </summary>
    public static bool StaleActivation(Exception ex) => ex is InconsistentStateException;

    /// <summary>Failures that say the grain never got the call (its silo gone or shutting down, no connection), unlike a timeout.</summary>
    public static bool NeverDelivered(Exception ex) =>
        ex is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException;
}
