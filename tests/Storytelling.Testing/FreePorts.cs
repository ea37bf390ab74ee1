using System.Net;
using System.Net.Sockets;

namespace Storytelling.Testing;

/// <summary>TCP ports for servers a test starts (APIs, status endpoints), so concurrent tests never collide on one.</summary>
public static class FreePorts
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (the OS's pick of an ephemeral port).</summary>
    public static int Next()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
