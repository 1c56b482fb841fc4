using System;

namespace EchoNet.Client
{
    /// <summary>How a reply is cut from the bytes a connection receives.</summary>
    public enum ReplyMode
    {
        /// <summary>
        /// Done once at least as many bytes as were sent have arrived and nothing more is readable
        /// right now (a complete echo); otherwise once the peer has been quiet for the quiet time
        /// after its first byte, or has closed. With nothing sent it waits for what the peer says
        /// first (a banner) and ends on quiet or close.
        /// </summary>
        Default,
        /// <summary>Done at the first terminator: the reply is the bytes up to and including it.</summary>
        Terminator,
        /// <summary>Done when exactly this many bytes have arrived.</summary>
        Length,
        /// <summary>Nothing is read.</summary>
        None,
    }

    public sealed class ReplyRule
    {
        public const int DefaultQuietMs = 200;
        public const int DefaultMaxReplyBytes = 16 * 1024 * 1024;

        /// <summary>
        /// The highest -MaxReplyBytes (1 GiB): the buffer holds the limit plus one read and grows
        /// by doubling, which must stay within the largest byte array .NET allows (about 2 GiB).
        /// </summary>
        public const int MaximumMaxReplyBytes = 1024 * 1024 * 1024;

        public ReplyMode Mode { get; set; } = ReplyMode.Default;
        public byte[] Terminator { get; set; }
        public int Length { get; set; }
        public int QuietMs { get; set; } = DefaultQuietMs;
        public int MaxReplyBytes { get; set; } = DefaultMaxReplyBytes;

        public static ReplyRule ForTerminator(byte[] terminator)
        {
            if (terminator == null || terminator.Length == 0) throw new ArgumentException("The terminator is empty.");
            return new ReplyRule { Mode = ReplyMode.Terminator, Terminator = terminator };
        }

        public static ReplyRule ForLength(int length) => new ReplyRule { Mode = ReplyMode.Length, Length = length };

        public static ReplyRule ForNoReply() => new ReplyRule { Mode = ReplyMode.None };
    }

    /// <summary>Why reading the reply stopped.</summary>
    public enum ReplyEnd
    {
        NotRead,
        Echo,
        Terminator,
        Length,
        Quiet,
        Closed,
        /// <summary>Bytes no reply took, handed over when the connection ended so that none is lost.</summary>
        Leftover,
    }
}
