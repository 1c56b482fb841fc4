using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Security.Authentication;

namespace EchoNet.Client
{
    /// <summary>
    /// Says why a TLS operation failed in words a user can act on. SslStream wraps the reason in
    /// layers ("Authentication failed, see inner exception."); this names the reason the layers
    /// hide (a reset, a peer that does not speak TLS, a closed stream, the TLS library's own
    /// alert such as a protocol version mismatch) and keeps every distinct message of the chain.
    /// </summary>
    internal static class TlsFailureReason
    {
        public static string Describe(Exception failure)
        {
            var messages = new List<string>();
            SocketError? socketError = null;
            bool notTls = false;
            for (var e = failure; e != null; e = e.InnerException)
            {
                if (e is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
                    continue;   // the task's wrapper says nothing of its own
                if (e is SocketException socket) socketError = socket.SocketErrorCode;
                // SslStream's words for bytes that are not a TLS record (an IOException or an
                // AuthenticationException, by runtime).
                if (Mentions(e, "frame") || Mentions(e, "packet format")) notTls = true;
                var text = e.Message.Trim().TrimEnd('.');
                bool said = messages.Exists(m => m.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
                if (text.Length > 0 && !Mentions(e, "see inner exception") && !said) messages.Add(text);
            }
            string detail = messages.Count == 0 ? failure.GetType().Name : string.Join(": ", messages);
            string reason = Classify(socketError, notTls, failure);
            return reason == null ? detail : $"{reason} ({detail})";
        }

        private static bool Mentions(Exception e, string words) => e.Message.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;

        private static string Classify(SocketError? socketError, bool notTls, Exception failure)
        {
            if (socketError == SocketError.ConnectionReset || socketError == SocketError.ConnectionAborted)
                return "the peer reset the connection";
            if (notTls)
                return "the peer did not answer in TLS (a plain-text service on this port?)";
            if (failure.GetBaseException() is AuthenticationException || failure.GetBaseException().GetType().Name == "Win32Exception")
                return "the TLS library refused the handshake (protocol version or cipher mismatch?)";
            return null;
        }
    }
}
