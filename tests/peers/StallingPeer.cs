// A peer that is not EchoNet, for tests of sends that time out: it accepts one client (plain TCP,
// or TLS with the certificate it is given), reads nothing until released or for at most StallMs,
// then reads everything until the client closes or resets, and tells how many bytes arrived and
// how the stream ended. Or, told to hang up, it closes its side instead (after a TLS close_notify). Receive buffers are kept small, so a few MiB fill the path. Loopback only;
// serves one client and stops by itself.
using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

public sealed class StallingPeer : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly ManualResetEventSlim _release = new ManualResetEventSlim(false);
    private readonly Task _served;
    private long _received;
    private volatile bool _hangUp;

    public StallingPeer(X509Certificate2 certificate, int stallMs)
    {
        _listener.Server.ReceiveBufferSize = 64 * 1024;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _served = Task.Run(() => Serve(certificate, stallMs));
    }

    public int Port { get; }

    /// <summary>Bytes (decrypted, under TLS) read from the client so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>"Closed" (end of stream), "Reset" (an error ended it), or null while serving.</summary>
    public string Ended { get; private set; }

    /// <summary>Starts reading now instead of at the end of the stall.</summary>
    public void Release() => _release.Set();

    /// <summary>Closes the connection from this side (TLS: close_notify first) instead of reading.</summary>
    public void HangUp()
    {
        _hangUp = true;
        _release.Set();
    }

    private void Serve(X509Certificate2 certificate, int stallMs)
    {
        using (var socket = _listener.AcceptSocket())
        {
            socket.ReceiveTimeout = 15000;
            Stream stream = new NetworkStream(socket, false);
            try
            {
                if (certificate != null)
                {
                    var tls = new SslStream(stream, false);
                    tls.AuthenticateAsServer(certificate);
                    stream = tls;
                }
                _release.Wait(stallMs);
                if (_hangUp)
                {
                    (stream as SslStream)?.ShutdownAsync().Wait(5000);
                    socket.Shutdown(SocketShutdown.Both);
                    Ended = "HungUp";
                    return;
                }
                var buffer = new byte[64 * 1024];
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) Interlocked.Add(ref _received, n);
                Ended = "Closed";
            }
            catch (Exception)
            {
                Ended = "Reset";
            }
            finally
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>Waits (bounded) for the client's stream to have ended.</summary>
    public bool Wait(int timeoutMs) => _served.Wait(timeoutMs);

    public void Dispose()
    {
        _release.Set();
        _listener.Stop();
    }
}
