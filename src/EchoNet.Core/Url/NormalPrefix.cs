using System.Runtime.CompilerServices;

namespace EchoNet.Url
{
    /// <summary>
    /// How far <see cref="NormalUrlFastPath"/> proved an input normal when it could not prove all
    /// of it: <c>input[0..Length)</c> is the beginning of the href as it is (but for a special
    /// scheme written with uppercase letters, which the href has in lowercase), with the components
    /// found so far, and the full parser goes on in <see cref="State"/> from <see cref="Resume"/>
    /// (the path state from a segment's first code point, its '/' not yet written; the query,
    /// fragment and opaque-path states from anywhere in theirs; the path start state after the
    /// authority; the port state after the host's ':'). Nothing in the prefix draws a validation error, so the errors the full parser
    /// meets from there are all the parse has. Length 0: nothing proved.
    /// </summary>
    internal struct NormalPrefix
    {
        public int Length;
        public int Resume;
        public ParserState State;
        /// <summary>The special scheme's constant; null for another scheme, which is input[0..SchemeLength).</summary>
        public string Scheme;
        public int SchemeLength;
        /// <summary>False when the scheme has uppercase letters: then the input itself is never the href.</summary>
        public bool SchemeIsLowercase;
        public bool Special;
        public bool Opaque;
        public UrlHostType HostType;
        public int Port;
        public int HostStart, HostEnd, PathStart, QueryStart, FragmentStart;

        /// <summary>The scheme as a string (already lowercase: the fast path takes no other).</summary>
        public string SchemeOf(string input) => Scheme ?? input.Substring(0, SchemeLength);

        [MethodImpl(Tiering.Inline)]
        public void Proved(ParserState state, int length, int resume)
        {
            State = state;
            Length = length;
            Resume = resume;
        }
    }
}
