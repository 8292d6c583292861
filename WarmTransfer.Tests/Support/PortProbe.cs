using System.Net.Sockets;

namespace WarmTransfer.Tests.Support;

public static class PortProbe
{
    /// <summary>Whether something on 127.0.0.1 accepts connections on the port (a server the test started is up).</summary>
    public static bool Accepts(int port)
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
