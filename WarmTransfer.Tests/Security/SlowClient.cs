using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WarmTransfer.Tests.Security;

/// <summary>
/// A client on a raw socket that sends its request head at once, then its body a few bytes at a time: a slow mobile
/// network, or someone holding the server's attention on purpose. Disposing it drops the connection mid-body.
/// </summary>
public sealed class SlowClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;

    private SlowClient(TcpClient tcp, NetworkStream stream, byte[] body, int bytesPerTick, TimeSpan tick)
    {
        _tcp = tcp;
        _sending = TrickleAsync(stream, body, bytesPerTick, tick, _stop.Token);
    }

    /// <summary>Bytes of the body sent so far.</summary>
    public int Sent { get; private set; }

    public static async Task<SlowClient> StartAsync(Uri baseUrl, string method, string path, IEnumerable<(string Name, string Value)> headers, byte[] body,
        int bytesPerTick = 8, TimeSpan? tick = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, baseUrl.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nContent-Length: {body.Length}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        return new SlowClient(tcp, stream, body, bytesPerTick, tick ?? TimeSpan.FromMilliseconds(50));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Dispose();
        try
        {
            await _sending;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    // The pace of a slow network, not a wait for the server: the delay is the behaviour under test.
    private async Task TrickleAsync(NetworkStream stream, byte[] body, int bytesPerTick, TimeSpan tick, CancellationToken cancellationToken)
    {
        while (Sent < body.Length)
        {
            var count = Math.Min(bytesPerTick, body.Length - Sent);
            await stream.WriteAsync(body.AsMemory(Sent, count), cancellationToken);
            Sent += count;
            await Task.Delay(tick, cancellationToken);
        }
    }
}
