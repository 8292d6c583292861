using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using StackExchange.Redis;

namespace WarmTransfer.Benchmarks;

/// <summary>
/// A throwaway redis-server on 127.0.0.1 on its own port, nothing saved to disk: the store of the Redis workloads, and of
/// the tests that run on Redis.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private ConnectionMultiplexer? _statistics;

    private RedisServer(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    /// <summary>CPU time redis-server has used so far: the benchmark's own CPU figures count only its own process.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>What redis-server has done so far, to subtract from what it will have done after a pass.</summary>
    public async Task<RedisActivity> ActivityAsync()
    {
        // StackExchange.Redis sends INFO only on a connection allowed admin commands.
        _statistics ??= await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { ConnectionString }, AllowAdmin = true });
        var sections = await _statistics.GetServer(_statistics.GetEndPoints()[0]).InfoAsync("commandstats");
        return RedisActivity.From(ProcessorTime, sections.SelectMany(section => section));
    }

    public static async Task<RedisServer> StartAsync(string executable = "redis-server")
    {
        var port = SystemUnderTest.FreePort();
        var process = Start(new ProcessStartInfo(executable, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        });
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        for (var tries = 0; ; tries++)
        {
            if (process.HasExited)
            {
                var exitCode = process.ExitCode;
                process.Dispose();
                throw new InvalidOperationException($"{executable} exited with {exitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new RedisServer(process, port);
            }
            catch (SocketException) when (tries < 100)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                process.Kill();
                process.Dispose();
                throw new InvalidOperationException($"{executable} took no connection on port {port} within 5 s", ex);
            }
        }
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{start.FileName} could not be started ({ex.Message}). .ci/install-test-tools or apt-get install redis-server puts a redis-server on the PATH; the benchmark's --redis-server names another.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_statistics is not null)
        {
            await _statistics.DisposeAsync();
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
