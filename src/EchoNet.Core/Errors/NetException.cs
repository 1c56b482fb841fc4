using System;
using System.Net.Sockets;

namespace EchoNet.Errors
{
    /// <summary>A network failure with a kind the cmdlets map to an ErrorCategory and a stable id.</summary>
    public sealed class NetException : Exception
    {
        public NetException(NetErrorKind kind, string message, Exception inner = null)
            : base(message, inner)
        {
            Kind = kind;
        }

        public NetErrorKind Kind { get; }

        /// <summary>
        /// Bytes of the failed message that had already left (handed to the operating system, or
        /// a TLS record written) when the failure ended its exchange: 0 when none had.
        /// </summary>
        public int BytesSent { get; internal set; }

        /// <summary>Maps a socket error code to the kind a user can act on.</summary>
        public static NetErrorKind KindOf(SocketError error)
        {
            switch (error)
            {
                case SocketError.ConnectionRefused: return NetErrorKind.ConnectionRefused;
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain: return NetErrorKind.HostNotFound;
                case SocketError.TimedOut: return NetErrorKind.Timeout;
                case SocketError.AddressAlreadyInUse: return NetErrorKind.AddressInUse;
                case SocketError.AddressNotAvailable:
                case SocketError.AddressFamilyNotSupported: return NetErrorKind.AddressNotAvailable;
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown: return NetErrorKind.ConnectionReset;
                case SocketError.OperationAborted: return NetErrorKind.Canceled;
                case SocketError.AccessDenied: return NetErrorKind.SecurityFailure;
                default: return NetErrorKind.Other;
            }
        }

        /// <summary>This failure with its message naming <paramref name="target"/> ("host:port") if it does not already.</summary>
        public NetException Naming(string target)
        {
            return Message.IndexOf(target, StringComparison.OrdinalIgnoreCase) >= 0
                ? this
                : new NetException(Kind, $"{target}: {Message}", InnerException) { BytesSent = BytesSent };
        }

        public static NetException From(SocketException e, string context)
        {
            return new NetException(KindOf(e.SocketErrorCode), context + ": " + e.Message, e);
        }
    }
}
