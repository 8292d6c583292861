using System.Collections.Concurrent;
using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Web.Twilio;

/// <summary>
/// Conferences whose status callback could not be handed to their grain. Twilio does not retry a callback we answered
/// with a 5xx (it logs error 11200), so the event is lost: once the grain answers again, it reconciles the call with
/// Twilio's REST API instead. Retried with backoff for a few minutes, one loop per conference at a time.
/// </summary>
public sealed partial class LostCallbackRepair(IGrainFactory grains, TimeProvider time, ILogger<LostCallbackRepair> log, IHostApplicationLifetime lifetime)
{
    private const int Attempts = 8;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, bool> _repairing = new();

    public int Pending => _repairing.Count;

    public void Request(string conferenceId)
    {
        if (_repairing.TryAdd(conferenceId, true))
        {
            _ = RepairAsync(conferenceId, lifetime.ApplicationStopping);
        }
    }

    private async Task RepairAsync(string conferenceId, CancellationToken stopping)
    {
        try
        {
            var delay = FirstDelay;
            for (var attempt = 1; attempt <= Attempts; attempt++, delay *= 2)
            {
                await Task.Delay(delay, time, stopping);
                try
                {
                    await grains.GetGrain<IConferenceGrain>(conferenceId).ReconcileAsync();
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRetry(log, ex, conferenceId, attempt);
                }
            }

            LogGaveUp(log, conferenceId, Attempts);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _repairing.TryRemove(conferenceId, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conference {ConferenceId} could not be reconciled yet (attempt {Attempt})")]
    private static partial void LogRetry(ILogger logger, Exception exception, string conferenceId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conference {ConferenceId} lost a callback and could not be reconciled in {Attempts} attempts; its own periodic check will")]
    private static partial void LogGaveUp(ILogger logger, string conferenceId, int attempts);
}
