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

    /// <summary>How one reply is cut; a value, fixed once made (the factories are the only way to make one).</summary>
    public sealed class ReplyRule
    {
        public const int DefaultQuietMs = 200;
        public const int DefaultMaxReplyBytes = 16 * 1024 * 1024;

        /// <summary>
        /// The highest -MaxReplyBytes (1 GiB): the buffer holds the limit plus one read and grows
        /// by doubling, which must stay within the largest byte array .NET allows (about 2 GiB).
        /// </summary>
        public const int MaximumMaxReplyBytes = 1024 * 1024 * 1024;

        private readonly byte[] _terminator;

        private ReplyRule(ReplyMode mode, byte[] terminator, int length, int quietMs, int maxReplyBytes)
        {
            Mode = mode;
            _terminator = terminator;
            Length = length;
            QuietMs = quietMs;
            MaxReplyBytes = maxReplyBytes;
        }

        public ReplyMode Mode { get; }

        /// <summary>A copy of the terminator (null unless <see cref="ReplyMode.Terminator"/>): the rule's own bytes never change.</summary>
        public byte[] Terminator => (byte[])_terminator?.Clone();

        /// <summary>The terminator itself, for framing, which only reads it.</summary>
        internal byte[] TerminatorBytes => _terminator;

        public int Length { get; }
        public int QuietMs { get; }
        public int MaxReplyBytes { get; }

        /// <summary>The default rule: a complete echo, else quiet or close.</summary>
        public static ReplyRule ForDefault(int quietMs = DefaultQuietMs, int maxReplyBytes = DefaultMaxReplyBytes)
            => new ReplyRule(ReplyMode.Default, null, 0, quietMs, maxReplyBytes);

        public static ReplyRule ForTerminator(byte[] terminator, int quietMs = DefaultQuietMs, int maxReplyBytes = DefaultMaxReplyBytes)
        {
            if (terminator == null || terminator.Length == 0) throw new ArgumentException("The terminator is empty.");
            return new ReplyRule(ReplyMode.Terminator, (byte[])terminator.Clone(), 0, quietMs, maxReplyBytes);
        }

        public static ReplyRule ForLength(int length, int quietMs = DefaultQuietMs, int maxReplyBytes = DefaultMaxReplyBytes)
            => new ReplyRule(ReplyMode.Length, null, length, quietMs, maxReplyBytes);

        public static ReplyRule ForNoReply(int quietMs = DefaultQuietMs, int maxReplyBytes = DefaultMaxReplyBytes)
            => new ReplyRule(ReplyMode.None, null, 0, quietMs, maxReplyBytes);
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
