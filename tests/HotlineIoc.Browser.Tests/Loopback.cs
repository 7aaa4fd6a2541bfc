using System.Net;
using System.Net.Sockets;

namespace HotlineIoc.Browser.Tests;

/// <summary>Loopback ports for the processes and servers the tests start.</summary>
public static class Loopback
{
    /// <summary>A port free now, as the system hands it out.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
