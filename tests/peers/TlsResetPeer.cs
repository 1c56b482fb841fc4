// A TLS peer that is not EchoNet, for tests of TLS failures: it completes the handshake with the
// certificate it is given, then, by mode, resets the connection (linger 0 + close, an RST) after
// reading a first message ("ResetAfterRead": the client is waiting for a reply) or at once
// without reading ("ResetWhileWriting": the client is writing a large message). Handshake
// failures: "ResetInHandshake" resets after the client hello, "SilentInHandshake" never answers
// it (until disposed), "NotTls" answers it with a plain-text line. Loopback only;
// serves one client per Start and stops by itself.
using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

public sealed class TlsResetPeer : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly Task _served;
    private readonly TaskCompletionSource<bool> _release = new TaskCompletionSource<bool>();

    public TlsResetPeer(X509Certificate2 certificate, string mode)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _served = Task.Run(() => Serve(certificate, mode));
    }

    public int Port { get; }

    private void Serve(X509Certificate2 certificate, string mode)
    {
        using (var socket = _listener.AcceptSocket())
        using (var tls = new SslStream(new NetworkStream(socket, false)))
        {
            socket.ReceiveTimeout = 10000;
            if (mode == "ResetInHandshake" || mode == "SilentInHandshake" || mode == "NotTls")
            {
                socket.Receive(new byte[16 * 1024]);   // the client hello
                if (mode == "NotTls") socket.Send(System.Text.Encoding.ASCII.GetBytes("220 plain text, not TLS\r\n"));
                if (mode == "SilentInHandshake") { _release.Task.Wait(20000); return; }
            }
            else
            {
                tls.AuthenticateAsServer(certificate);
            }
            if (mode == "ResetAfterRead") tls.Read(new byte[1024], 0, 1024);
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
    }

    /// <summary>Waits (bounded) for the one client to have been served; throws what the peer met.</summary>
    public bool Wait(int timeoutMs) => _served.Wait(timeoutMs);

    public void Dispose()
    {
        _release.TrySetResult(true);
        _listener.Stop();
    }
}
