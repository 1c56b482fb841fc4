using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>
    /// The listening side of the interactive mode, as "nc -l" ("nc -lk" with keepListening):
    /// binds one address and port, takes one client, runs an <see cref="InteractiveSession"/>
    /// with it until it leaves, then stops listening or waits for the next. The accept wait is
    /// polled, so Ctrl+C is seen; clients are served one at a time, later ones wait in the backlog.
    /// </summary>
    public sealed class InteractiveListener
    {
        private readonly IPEndPoint _endPoint;
        private readonly bool _keepListening;
        private readonly Func<TcpSession, InteractiveSession> _sessionFor;

        /// <summary>Listens on <paramref name="endPoint"/> (port 0: the system picks); <paramref name="keepListening"/> takes client after client; <paramref name="sessionFor"/> makes the interactive session run with each accepted client.</summary>
        public InteractiveListener(IPEndPoint endPoint, bool keepListening, Func<TcpSession, InteractiveSession> sessionFor)
        {
            _endPoint = endPoint;
            _keepListening = keepListening;
            _sessionFor = sessionFor;
        }

        /// <summary>
        /// Listens until the client leaves (each client, with keepListening, until canceled). Returns a
        /// failure to bind or accept, named for the address; a client's failure goes to
        /// <paramref name="clientFailed"/> and, with keepListening, the next client is taken.
        /// </summary>
        public NetException Run(ILineSource input, ISessionTerminal terminal, Action<NetException, string> clientFailed, CancellationToken cancel)
        {
            string where = Addressing.HostPort.Format(_endPoint.Address.ToString(), _endPoint.Port);
            Socket listener;
            try
            {
                listener = Bind();
                where = Addressing.HostPort.Format(_endPoint.Address.ToString(), ((IPEndPoint)listener.LocalEndPoint).Port);
            }
            catch (SocketException e)
            {
                return new NetException(NetException.KindOf(e.SocketErrorCode), $"Cannot listen on {where}: {e.SocketErrorCode}.", e);
            }
            using (listener)
            {
                terminal.Say($"Listening on {where}" + (_keepListening ? " for one client after another." : " for one client.") + " Ctrl+C stops.");
                do
                {
                    Socket client;
                    try
                    {
                        client = AcceptOne(listener, cancel);
                    }
                    catch (SocketException e)
                    {
                        return new NetException(NetException.KindOf(e.SocketErrorCode), $"Accepting on {where} failed: {e.SocketErrorCode}.", e);
                    }
                    if (client == null) return null;
                    var session = TcpSession.Accepted(client, Text.TextEncodings.Default);
                    terminal.Say($"Connection from {session.Target}.");
                    var failure = _sessionFor(session).Run(input, terminal, cancel);
                    if (failure != null) clientFailed(failure, session.Target);
                } while (_keepListening && !cancel.IsCancellationRequested);
            }
            return null;
        }

        private Socket Bind()
        {
            var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (_endPoint.AddressFamily == AddressFamily.InterNetworkV6 && _endPoint.Address.Equals(IPAddress.IPv6Any))
                    socket.DualMode = true;
                socket.Bind(_endPoint);
                socket.Listen(8);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>The next client, or null when canceled first.</summary>
        private static Socket AcceptOne(Socket listener, CancellationToken cancel)
        {
            while (!cancel.IsCancellationRequested)
            {
                if (listener.Poll(InteractiveSession.PollMs * 1000, SelectMode.SelectRead)) return listener.Accept();
            }
            return null;
        }
    }
}
