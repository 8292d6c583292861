namespace WarmTransfer.Web.Hosting;

/// <summary>
/// A Client-mode web node connects to the cluster in the background, so it starts (and answers /health) while no silo
/// is up; it keeps trying until it reaches one. Orleans' own start-up would block the host, then give up.
/// </summary>
public sealed partial class ClusterConnection(IClusterClient client, TimeProvider time, ILogger<ClusterConnection> log) : BackgroundService, IClientConnectionRetryFilter
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private volatile bool _connected;
    private volatile string _lastError = "not tried yet";

    public bool IsConnected => _connected;

    /// <summary>Why the node is not connected yet: the last attempt's failure.</summary>
    public string LastError => _lastError;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await ((IHostedService)client).StartAsync(stoppingToken);
        _connected = true;
        LogConnected(log);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_connected)
        {
            await ((IHostedService)client).StopAsync(cancellationToken);
        }
    }

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        _lastError = $"{exception.GetType().Name}: {exception.Message}";
        LogRetrying(log, RetryDelay.TotalSeconds, _lastError);
        await Task.Delay(RetryDelay, time, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the Orleans cluster")]
    private static partial void LogConnected(ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the Orleans cluster yet, trying again in {Seconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger log, double seconds, string reason);
}
