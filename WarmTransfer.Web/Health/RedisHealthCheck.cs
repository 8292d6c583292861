using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WarmTransfer.Grains.Hosting;

namespace WarmTransfer.Web.Health;

/// <summary>
/// With Orleans:RedisConnectionString set, Redis holds membership (how a node finds the silos), grain state and the
/// sign-in keys: the node is ready only while Redis answers a PING.
/// </summary>
public sealed class RedisHealthCheck(IOptions<OrleansHostingOptions> hosting) : IHealthCheck, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnectionMultiplexer? _redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await ConnectAsync(cancellationToken);
            var roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers ({roundTrip.TotalMilliseconds:0} ms).");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_redis is null)
            {
                var options = RedisConnectionOptions.Parse(hosting.Value.RedisConnectionString!);
                options.AbortOnConnectFail = false; // keeps reconnecting in the background once created
                options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
                _redis = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _redis;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _connecting.Dispose();
    }
}
