using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using System.Threading;
using System;
using EchoNet.Errors;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// Send-TcpMessage over TLS. SslStream has no non-blocking calls, so the write runs as a task
    /// while one read is always outstanding; reads are never canceled (that would break the TLS
    /// stream): an unfinished read carries over to the next message. Every wait is sliced and
    /// bounded like the plain client's.
    /// </summary>
    public sealed class TlsMessageClient : IMessageClient
    {
        private const int PollSliceMs = 100;
        private const int ReadSize = 16 * 1024;

        private readonly SslStream _stream;
        private readonly byte[] _readBuffer = new byte[ReadSize];
        private Task<int> _pendingRead;

        private TlsMessageClient(Socket socket, SslStream stream)
        {
            _stream = stream;
            RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint;
            LocalEndPoint = (IPEndPoint)socket.LocalEndPoint;
        }

        public IPEndPoint RemoteEndPoint { get; }
        public IPEndPoint LocalEndPoint { get; }

        public static TlsMessageClient Connect(string computerName, int port, int timeoutMs, CancellationToken cancel, TlsClientOptions tls)
        {
            long deadline = Waits.Deadline(timeoutMs);
            var socket = TcpConnector.Connect(computerName, port, timeoutMs, cancel);
            socket.NoDelay = true;
            SslPolicyErrors problems = SslPolicyErrors.None;
            X509ChainStatusFlags chainProblems = X509ChainStatusFlags.NoError;
            var stream = new SslStream(new NetworkStream(socket, true), false, (sender, certificate, chain, errors) =>
            {
                problems = errors;
                if (chain != null)
                    foreach (var status in chain.ChainStatus) chainProblems |= status.Status;
                return tls.SkipCertificateCheck || errors == SslPolicyErrors.None;
            });
            var serverName = tls.ServerName ?? TargetName(computerName);
            try
            {
                var handshake = stream.AuthenticateAsClientAsync(serverName);
                Waits.Wait(handshake, Waits.Remaining(deadline), cancel, $"The TLS handshake with {computerName}");
                if (handshake.IsFaulted)
                {
                    var inner = handshake.Exception.GetBaseException();
                    if (inner is AuthenticationException && problems != SslPolicyErrors.None)
                        throw new NetException(NetErrorKind.CertificateInvalid,
                            $"The certificate of {computerName} failed validation for '{serverName}': {Describe(problems, chainProblems)}. " +
                            "Check against the name the certificate was issued to, or skip the check for a test server you trust.", inner);
                    throw new NetException(NetErrorKind.TlsHandshakeFailed, $"The TLS handshake with {computerName} failed: {inner.Message}", inner);
                }
                return new TlsMessageClient(socket, stream);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Host name for SNI and validation: brackets off IPv6 literals.</summary>
        private static string TargetName(string computerName)
        {
            var name = computerName.Trim();
            return name.Length > 2 && name[0] == '[' && name[name.Length - 1] == ']' ? name.Substring(1, name.Length - 2) : name;
        }

        private static string Describe(SslPolicyErrors errors, X509ChainStatusFlags chain)
        {
            var text = errors.ToString();
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && chain != X509ChainStatusFlags.NoError)
                text += " (" + chain + ")";
            return text;
        }

        public TcpExchange Exchange(byte[] payload, ReplyRule rule, int timeoutMs, CancellationToken cancel)
        {
            long start = Stopwatch.GetTimestamp();
            long deadline = Waits.Deadline(timeoutMs);
            var reply = new ReplyBuffer();
            var write = payload.Length == 0 ? Task.FromResult(0) : _stream.WriteAsync(payload, 0, payload.Length);
            long lastReceived = 0;
            bool closed = false;
            while (true)
            {
                if (write.IsFaulted)
                    throw new NetException(NetErrorKind.ConnectionReset, $"Sending to {RemoteEndPoint} failed: {write.Exception.GetBaseException().Message}");
                if (rule.Mode != ReplyMode.None && !closed)
                {
                    int before = reply.Count;
                    closed = ReceiveCompleted(reply, rule.MaxReplyBytes);
                    if (reply.Count > before) lastReceived = Stopwatch.GetTimestamp();
                }
                bool sent = write.IsCompleted;
                if (sent)
                {
                    var end = ReplyCompletion.Check(rule, reply, payload.Length, closed, lastReceived);
                    if (end != null) return new TcpExchange(payload.Length, reply.ToArray(), end.Value, Stopwatch.GetTimestamp() - start);
                }
                else if (closed)
                {
                    throw new NetException(NetErrorKind.ConnectionReset, $"{RemoteEndPoint} closed the connection before the message was sent.");
                }

                if (cancel.IsCancellationRequested) throw new NetException(NetErrorKind.Canceled, $"The exchange with {RemoteEndPoint} was canceled.");
                if (Waits.Remaining(deadline) == 0)
                    throw new NetException(NetErrorKind.Timeout,
                        ReplyCompletion.TimeoutMessage(rule, sent ? payload.Length : 0, payload.Length, reply.Count, timeoutMs));
                int wait = Math.Min(PollSliceMs, Waits.Remaining(deadline));
                if (rule.Mode == ReplyMode.Default && lastReceived != 0)
                    wait = Math.Min(wait, Math.Max(1, rule.QuietMs - (int)Waits.ElapsedMs(lastReceived)));
                WaitForProgress(write, wait);
            }
        }

        /// <summary>Takes every read that has finished, starting the next; true when the peer closed.</summary>
        private bool ReceiveCompleted(ReplyBuffer reply, int maxReplyBytes)
        {
            while (true)
            {
                if (_pendingRead == null) _pendingRead = _stream.ReadAsync(_readBuffer, 0, _readBuffer.Length);
                if (!_pendingRead.IsCompleted) return false;
                var read = _pendingRead;
                _pendingRead = null;
                if (read.IsFaulted)
                    throw new NetException(NetErrorKind.ConnectionReset, $"Receiving from {RemoteEndPoint} failed: {read.Exception.GetBaseException().Message}");
                if (read.Result == 0) return true;
                reply.Append(_readBuffer, 0, read.Result);
                if (reply.Count > maxReplyBytes)
                    throw new NetException(NetErrorKind.ReplyTooLarge, $"The reply exceeded the limit of {maxReplyBytes} bytes.");
            }
        }

        private void WaitForProgress(Task write, int timeoutMs)
        {
            if (_pendingRead != null && !write.IsCompleted) Task.WaitAny(new Task[] { write, _pendingRead }, timeoutMs);
            else if (_pendingRead != null) _pendingRead.Wait(timeoutMs);
            else write.Wait(timeoutMs);
        }

        public void Dispose() => _stream.Dispose();
    }
}
