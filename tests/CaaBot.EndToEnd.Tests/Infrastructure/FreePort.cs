using System.Net;
using System.Net.Sockets;

namespace CaaBot.EndToEnd.Tests.Infrastructure;

/// <summary>Asks the OS for a loopback port nobody uses right now (a child process then binds it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
