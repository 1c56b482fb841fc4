using System;
using System.Diagnostics;

namespace EchoNet.Client
{
    /// <summary>What one exchange sent and got, before the cmdlet decodes it.</summary>
    public struct TcpExchange
    {
        public TcpExchange(int bytesSent, byte[] reply, ReplyEnd end, long elapsedTimestamp, long receivedToFile = 0)
        {
            ReceivedToFile = receivedToFile;
            BytesSent = bytesSent;
            Reply = reply;
            End = end;
            RoundTrip = TimeSpan.FromTicks((long)(elapsedTimestamp * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        }

        public int BytesSent { get; }
        public byte[] Reply { get; }
        public ReplyEnd End { get; }
        public TimeSpan RoundTrip { get; }

        /// <summary>Bytes received that went to the -OutFile stream instead of the reply.</summary>
        public long ReceivedToFile { get; }
    }
}
