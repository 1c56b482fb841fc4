using System.Runtime.CompilerServices;
using System.Threading;

namespace EchoNet.Url.Idna
{
    /// <summary>
    /// IDNA for URLs: the URL Standard's "domain to ASCII" and UTS #46 ToUnicode, with the
    /// Unicode 17.0.0 data generated into <see cref="IdnaData"/> (no OS IDN or ICU involved).
    /// </summary>
    public static class Uts46
    {
        /// <summary>
        /// The URL Standard's "domain to ASCII". Without <paramref name="beStrict"/> an ASCII
        /// domain is only ASCII-lowercased (UTS #46 failures on ASCII input are validation errors
        /// there, not failures). Otherwise UTS #46 ToASCII with CheckHyphens=false,
        /// CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=beStrict,
        /// Transitional_Processing=false, VerifyDnsLength=beStrict, IgnoreInvalidPunycode=false.
        /// False on any error or an empty result; never throws.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static bool TryDomainToAscii(string domain, bool beStrict, out string ascii)
        {
            ascii = null;
            if (string.IsNullOrEmpty(domain)) return false;

            if (!beStrict && IsAscii(domain))
            {
                ascii = AsciiLowercase(domain);
                return true;
            }

            var work = ProcessedDomain.Process(domain, beStrict, CancellationToken.None);
            string result = work.HasError ? null : work.ToAscii(beStrict);
            work.Release();
            if (string.IsNullOrEmpty(result)) return false;
            ascii = result;
            return true;
        }

        /// <summary>
        /// "Domain to ASCII" both ways in one pass: <paramref name="ascii"/> and the return value as
        /// <see cref="TryDomainToAscii(string, bool, out string)"/> without beStrict gives them, and
        /// <paramref name="strictlyValid"/> whether UTS #46 ToASCII succeeds with every check on
        /// (CheckHyphens, CheckBidi, CheckJoiners, UseSTD3ASCIIRules and VerifyDnsLength true,
        /// Nontransitional): the URL Standard's strict run, whose failure is the domain-to-ASCII
        /// validation error even where the lenient parse goes on. VerifyDnsLength counts an empty
        /// last label (a trailing dot) as too short, as the reference implementation does.
        /// </summary>
        /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between the steps).</exception>
        [MethodImpl(Tiering.Optimized)]
        internal static bool TryDomainToAscii(string domain, out string ascii, out bool strictlyValid, CancellationToken cancellationToken)
        {
            ascii = null;
            strictlyValid = false;
            if (string.IsNullOrEmpty(domain)) return false;
            var work = ProcessedDomain.Process(domain, false, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            string processed = work.HasError ? null : work.ToAscii(false);
            strictlyValid = processed != null && work.SatisfiesCheckHyphens() && IsStd3WithDnsLengths(processed);
            work.Release();
            ascii = IsAscii(domain) ? AsciiLowercase(domain) : processed;
            return !string.IsNullOrEmpty(ascii);
        }

        /// <summary>
        /// On ToASCII's output: UseSTD3ASCIIRules (only a-z, 0-9 and '-' in the labels: the output
        /// of a label holds its ASCII code points as they are, and Punycode adds only those) and
        /// VerifyDnsLength (1 to 253 characters in all, every label 1 to 63).
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        private static bool IsStd3WithDnsLengths(string ascii)
        {
            if (ascii.Length == 0 || ascii.Length > 253) return false;
            int labelStart = 0;
            for (int i = 0; i < ascii.Length; i++)
            {
                char c = ascii[i];
                if (c == '.')
                {
                    if (i == labelStart || i - labelStart > 63) return false;
                    labelStart = i + 1;
                }
                else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }
            return ascii.Length > labelStart && ascii.Length - labelStart <= 63;
        }

        /// <summary>
        /// UTS #46 ToUnicode for display: xn-- labels are decoded; a label that is not valid
        /// (bad Punycode, disallowed code points, Bidi or joiner rules) is kept as given,
        /// lowercased. Null in, null out; never throws.
        /// </summary>
        public static string ToUnicode(string asciiDomain)
        {
            if (asciiDomain == null) return null;
            if (asciiDomain.Length == 0) return asciiDomain;
            var work = ProcessedDomain.Process(asciiDomain, false, CancellationToken.None);
            string result = work.ToUnicode();
            work.Release();
            return result;
        }

        [MethodImpl(Tiering.Optimized)]
        private static bool IsAscii(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= 0x80) return false;
            }
            return true;
        }

        [MethodImpl(Tiering.Optimized)]
        private static string AsciiLowercase(string s)
        {
            int i = 0;
            while (i < s.Length && (s[i] < 'A' || s[i] > 'Z')) i++;
            if (i == s.Length) return s;
            char[] chars = s.ToCharArray();
            for (; i < chars.Length; i++)
            {
                if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] | 0x20);
            }
            return new string(chars);
        }
    }
}
