using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

// The minimal echo server anyone would write with plain .NET sockets: one async task per
// TCP connection with its own 64 KiB buffer, Memory<byte> receive/send, and one receive loop
// for UDP. It speaks the same control protocol as bench/EchoNetServer.ps1:
//   stdout "READY <tcpPort> <udpPort> <pid>" once listening;
//   stdin  "mem"  -> "MEM <workingSetBytes> <managedHeapBytesAfterFullGC>"
//   stdin  "quit" or end of input -> exit.
// With "--relay <port>" it is instead the relay anyone would write (workload 17): per accepted
// connection one upstream connection to 127.0.0.1:<port>, two copy loops with a 64 KiB buffer
// each, a FIN passed on as a half-close.
internal static class Program
{
    private static int _relayTo;

    private static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "--relay") _relayTo = int.Parse(args[1]);
        var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        tcp.Listen(1024);
        int port = ((IPEndPoint)tcp.LocalEndPoint).Port;
        var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, port));

        _ = AcceptLoop(tcp);
        _ = UdpLoop(udp);

        Console.Out.WriteLine($"READY {port} {port} {Environment.ProcessId}");
        Console.Out.Flush();
        string line;
        while ((line = Console.In.ReadLine()) != null)
        {
            if (line == "quit") break;
            if (line == "mem")
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                long heap = GC.GetTotalMemory(true);
                long ws = Process.GetCurrentProcess().WorkingSet64;
                Console.Out.WriteLine($"MEM {ws} {heap}");
                Console.Out.Flush();
            }
        }
        tcp.Dispose();
        udp.Dispose();
        return 0;
    }

    private static async Task AcceptLoop(Socket listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptAsync(); }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted) { return; }
            catch (SocketException) { continue; }
            if (_relayTo > 0) _ = Relay(client);
            else _ = Echo(client);
        }
    }

    private static async Task Relay(Socket client)
    {
        client.NoDelay = true;
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _relayTo));
            await Task.WhenAll(Copy(client, upstream), Copy(upstream, client));
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }

    private static async Task Copy(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int n = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
            if (n == 0) break;
            await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
        }
        to.Shutdown(SocketShutdown.Send);
    }

    private static async Task Echo(Socket socket)
    {
        socket.NoDelay = true;
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
                if (n == 0) break;
                await socket.SendAsync(buffer.AsMemory(0, n), SocketFlags.None);
            }
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        finally { socket.Dispose(); }
    }

    private static async Task UdpLoop(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            try
            {
                var r = await socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, any);
                await socket.SendToAsync(buffer.AsMemory(0, r.ReceivedBytes), SocketFlags.None, r.RemoteEndPoint);
            }
            catch (ObjectDisposedException) { return; }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted) { return; }
            catch (SocketException) { }
        }
    }
}
