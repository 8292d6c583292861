using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using WarmTransfer.TwilioEmulator;

namespace WarmTransfer.Tests.Support;

/// <summary>A standalone WarmTransfer.Silo process, started from the test's own output folder, killed on dispose.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, int gatewayPort)
    {
        _process = process;
        GatewayPort = gatewayPort;
    }

    public int GatewayPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var gatewayPort = int.Parse(settings["Orleans:GatewayPort"]!);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "WarmTransfer.Silo"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepositoryPaths.BuiltAssembly("WarmTransfer.Silo"));
        foreach (var (key, value) in settings.Where(s => s.Value is not null))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start WarmTransfer.Silo.");
        var silo = new SiloProcess(process, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Eventually.Until(() => Task.FromResult(process.HasExited || AcceptsConnections(gatewayPort)), ready => ready,
            $"the silo's gateway on port {gatewayPort}", TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"WarmTransfer.Silo exited with {process.ExitCode}:\n{silo.Output}");
        }

        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static bool AcceptsConnections(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
