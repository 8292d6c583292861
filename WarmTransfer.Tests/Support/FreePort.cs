using System.Net;
using System.Net.Sockets;

namespace WarmTransfer.Tests.Support;

public static class FreePort
{
    /// <summary>A loopback port nobody listens on right now (each test host's silo needs its own).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
