using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;

namespace WarmTransfer.Benchmarks;

/// <summary>A real redis-server on 127.0.0.1 on its own port, without persistence to disk, for the Redis storage workloads.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

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

    public static async Task<RedisServer> StartAsync(string executable)
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
            throw new InvalidOperationException($"{start.FileName} could not be started ({ex.Message}). Workload 6 needs a redis-server: .ci/install-test-tools or apt-get install redis-server puts one on the PATH, --redis-server names another.", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
