using System;
using EchoNet.Errors;

namespace EchoNet.Client
{
    /// <summary>Builds the result objects of TCP conversations, with or without a session: one shape for success, failure and leftovers.</summary>
    internal static class TcpResults
    {
        public static TcpMessageResult Exchanged(TcpConnection connection, bool fresh, ClientPayload payload, TcpExchange exchange,
            ReplyRule rule, System.Text.Encoding encoding)
        {
            var result = Base(connection.ComputerName, connection.Port, connection);
            result.ConnectTime = fresh ? connection.ConnectTime : TimeSpan.Zero;
            result.Message = payload.Text;
            result.BytesSent = exchange.BytesSent;
            result.Reply = rule.Mode == ReplyMode.None ? null : encoding.GetString(exchange.Reply);
            result.ReplyBytes = exchange.Reply;
            result.ReplyEnd = exchange.End;
            result.RoundTrip = exchange.RoundTrip;
            if (exchange.ReceivedToFile > 0) result.BytesReceived = (int)Math.Min(exchange.ReceivedToFile, int.MaxValue);
            return result;
        }

        /// <summary>A message that failed; <paramref name="connection"/> is null when the connect itself failed.</summary>
        public static TcpMessageResult Failed(string computerName, int port, TcpConnection connection, ClientPayload payload,
            NetException error, TimeSpan connectTime)
        {
            var result = Base(computerName, port, connection);
            result.ConnectTime = connectTime;
            result.Message = payload.Text;
            result.BytesSent = error.BytesSent; // what left before the failure, not 0
            result.ErrorKind = error.Kind;
            result.Error = error.Message;
            result.ReplyBytes = new byte[0];
            return result;
        }

        /// <summary>Bytes no reply took, handed over as their own result when the connection ends.</summary>
        public static TcpMessageResult Leftover(TcpConnection connection, byte[] bytes, System.Text.Encoding encoding)
        {
            var result = Base(connection.ComputerName, connection.Port, connection);
            result.Reply = encoding.GetString(bytes);
            result.ReplyBytes = bytes;
            result.ReplyEnd = ReplyEnd.Leftover;
            return result;
        }

        private static TcpMessageResult Base(string computerName, int port, TcpConnection connection)
        {
            return new TcpMessageResult
            {
                ComputerName = computerName,
                Port = port,
                Connected = connection != null,
                RemoteEndPoint = connection?.RemoteEndPoint,
                LocalEndPoint = connection?.LocalEndPoint,
            };
        }
    }
}
