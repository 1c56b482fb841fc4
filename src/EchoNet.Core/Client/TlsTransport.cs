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
    /// TLS over a connected socket. SslStream has no non-blocking calls, so a write runs as a
    /// task and one read is always outstanding; reads are never canceled (that would break the
    /// TLS stream): an unfinished read simply carries over to the next reply. A message is written
    /// one TLS record at a time, so what has left is known to within a record; a write still
    /// pending belongs to its own bytes and is never reported as another payload's (the
    /// connection resets a transport whose message was cut short, see TcpConnection).
    /// </summary>
    internal sealed class TlsTransport : ByteTransport
    {
        private const int ReadSize = 16 * 1024;

        // The largest TLS record's payload: one write is at most one record.
        private const int WriteSize = 16 * 1024;

        private readonly SslStream _stream;
        private readonly Socket _socket;
        private readonly string _target;
        private readonly byte[] _readBuffer = new byte[ReadSize];
        private Task<int> _pendingRead;
        private Task _pendingWrite;
        private byte[] _pendingWriteBytes;
        private int _pendingWriteOffset;
        private int _pendingWriteCount;

        private TlsTransport(SslStream stream, Socket socket, string target, IPEndPoint remote, IPEndPoint local, TlsDetails details)
        {
            _stream = stream;
            _socket = socket;
            _target = target;
            RemoteEndPoint = remote;
            LocalEndPoint = local;
            Tls = details;
        }

        public override IPEndPoint RemoteEndPoint { get; }
        public override IPEndPoint LocalEndPoint { get; }
        public override TlsDetails Tls { get; }

        /// <summary>Runs the client handshake on a connected socket, within the deadline; the socket is closed on failure.</summary>
        public static TlsTransport Handshake(Socket socket, string computerName, string target, TlsClientOptions tls,
            long deadline, CancellationToken cancel)
        {
            // Read before the handshake: a peer that resets right after it leaves a socket whose
            // endpoints can no longer be asked for.
            var remote = (IPEndPoint)socket.RemoteEndPoint;
            var local = (IPEndPoint)socket.LocalEndPoint;
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
                Waits.Wait(handshake, Waits.Remaining(deadline), cancel, $"The TLS handshake with {target}");
                if (handshake.IsFaulted)
                {
                    var inner = handshake.Exception.GetBaseException();
                    if (inner is AuthenticationException && problems != SslPolicyErrors.None)
                        throw new NetException(NetErrorKind.CertificateInvalid,
                            $"The certificate of {target} failed validation for '{serverName}': {Describe(problems, chainProblems)}. " +
                            "Check against the name the certificate was issued to, or skip the check for a test server you trust.", inner);
                    throw new NetException(NetErrorKind.TlsHandshakeFailed,
                        $"The TLS handshake with {target} failed: {TlsFailureReason.Describe(handshake.Exception)}.", inner);
                }
                return new TlsTransport(stream, socket, target, remote, local, DetailsOf(stream));
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private static TlsDetails DetailsOf(SslStream stream)
        {
            // NegotiatedCipherSuite (the IANA name) exists from .NET Core 3.0; this assembly
            // targets netstandard2.0, so it is read where the runtime has it.
            var suite = stream.GetType().GetProperty("NegotiatedCipherSuite")?.GetValue(stream)?.ToString();
            var certificate = stream.RemoteCertificate == null ? null : new X509Certificate2(stream.RemoteCertificate);
            return new TlsDetails
            {
                Protocol = stream.SslProtocol.ToString(),
                Cipher = suite ?? $"{stream.CipherAlgorithm} {stream.CipherStrength}",
                CertificateSubject = certificate?.Subject,
                CertificateIssuer = certificate?.Issuer,
                CertificateExpires = certificate?.NotAfter,
                CertificateThumbprint = certificate?.Thumbprint,
            };
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

        public override int TrySend(byte[] bytes, int offset, int count)
        {
            if (count == 0) return 0;
            if (_pendingWrite == null)
            {
                _pendingWriteBytes = bytes;
                _pendingWriteOffset = offset;
                _pendingWriteCount = Math.Min(count, WriteSize);
                _pendingWrite = _stream.WriteAsync(bytes, offset, _pendingWriteCount);
            }
            else if (!ReferenceEquals(bytes, _pendingWriteBytes) || offset != _pendingWriteOffset)
            {
                throw new InvalidOperationException($"A write to {_target} of other bytes is still pending: sending now would put the stream out of step.");
            }
            if (!_pendingWrite.IsCompleted) return 0;
            var write = _pendingWrite;
            _pendingWrite = null;
            _pendingWriteBytes = null;
            if (write.IsFaulted)
                throw new NetException(NetErrorKind.ConnectionReset, $"Sending to {_target} ({RemoteEndPoint}) failed: {TlsFailureReason.Describe(write.Exception)}.");
            return _pendingWriteCount;
        }

        public override ReceiveOutcome TryReceive(ReplyBuffer into, int limit)
        {
            var outcome = ReceiveOutcome.Nothing;
            while (into.Count <= limit)
            {
                if (_pendingRead == null) _pendingRead = _stream.ReadAsync(_readBuffer, 0, _readBuffer.Length);
                if (!_pendingRead.IsCompleted) return outcome;
                var read = _pendingRead;
                _pendingRead = null;
                if (read.IsFaulted)
                    throw new NetException(NetErrorKind.ConnectionReset, $"Receiving from {_target} ({RemoteEndPoint}) failed: {TlsFailureReason.Describe(read.Exception)}.");
                if (read.Result == 0) return ReceiveOutcome.Closed;
                into.Append(_readBuffer, 0, read.Result, limit);
                outcome = ReceiveOutcome.Data;
            }
            return outcome;
        }

        public override void WaitReady(bool wantWrite, int timeoutMs)
        {
            var write = wantWrite ? _pendingWrite : null;
            // WaitAny, not Wait: a faulted task ends the wait without throwing; TryReceive/TrySend report it.
            if (_pendingRead != null && write != null) Task.WaitAny(new Task[] { write, _pendingRead }, timeoutMs);
            else if (_pendingRead != null || write != null) Task.WaitAny(new Task[] { _pendingRead ?? write }, timeoutMs);
        }

        public override void Abort()
        {
            SocketAbort.Reset(_socket);
            _stream.Dispose();
        }

        public override void Dispose() => _stream.Dispose();
    }
}
