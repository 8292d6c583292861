using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace WarmTransfer.Web.Hosting;

/// <summary>
/// Grain calls from webhooks: bounded in time (Twilio gives up after 15 s) and retried when a silo is lost mid-call.
/// Safe because every grain method a webhook calls is idempotent.
/// </summary>
public static class GrainCalls
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(4);
    private const int Attempts = 3;

    public static async Task<T> WithRetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().WaitAsync(AttemptTimeout, cancellationToken);
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
            }
        }
    }

    public static Task WithRetryAsync(Func<Task> call, CancellationToken cancellationToken = default) =>
        WithRetryAsync(async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    public static bool IsTransient(Exception ex) =>
        ex is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException;
}
