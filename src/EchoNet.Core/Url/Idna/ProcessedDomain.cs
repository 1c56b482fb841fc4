using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;

namespace EchoNet.Url.Idna
{
    /// <summary>
    /// A domain through UTS #46 Processing (section 4: map, normalize, break into labels,
    /// convert/validate): the labels, decoded, and whether each is valid; then ToASCII's or
    /// ToUnicode's output from them. One instance's buffers are reused from call to call.
    /// </summary>
    internal sealed class ProcessedDomain
    {
        private readonly CodePointBuffer text = new CodePointBuffer(64);
        private readonly CodePointBuffer result = new CodePointBuffer(64);
        private readonly List<Label> labels = new List<Label>();
        private readonly StringBuilder output = new StringBuilder(64);
        private CodePointBuffer decoded;

        /// <summary>The mapped, then normalized, domain.</summary>
        public CodePointBuffer Text => text;

        /// <summary>A buffer for normalization to work in.</summary>
        public CodePointBuffer Scratch { get; } = new CodePointBuffer(64);

        public void Reset()
        {
            text.Clear();
            result.Clear();
            labels.Clear();
        }

        public bool HasError
        {
            get
            {
                foreach (var label in labels)
                {
                    if (!label.Valid) return true;
                }
                return false;
            }
        }

        /// <summary>Step 4, Convert/Validate, for text[start..end).</summary>
        [MethodImpl(Tiering.Optimized)]
        public void AddLabel(int start, int end, bool useStd3AsciiRules)
        {
            var label = new Label { SourceStart = start, SourceEnd = end, Start = result.Count };
            if (LabelRules.StartsWithAcePrefix(text, start, end))
            {
                label.Valid = TryDecode(start + 4, end);
                if (label.Valid)
                {
                    for (int i = 0; i < decoded.Count; i++) result.Add(decoded[i]);
                    label.End = result.Count;
                    label.Valid = LabelRules.IsValid(result, label.Start, label.End, useStd3AsciiRules, true);
                }
                else
                {
                    for (int i = start; i < end; i++) result.Add(text[i]);
                    label.End = result.Count;
                }
            }
            else
            {
                for (int i = start; i < end; i++) result.Add(text[i]);
                label.End = result.Count;
                label.Valid = LabelRules.IsValid(result, label.Start, label.End, useStd3AsciiRules, false);
            }
            labels.Add(label);
        }

        /// <summary>CheckHyphens on every (decoded) label: no '-' at either end, nor in both the third and fourth positions.</summary>
        public bool SatisfiesCheckHyphens()
        {
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                int length = label.End - label.Start;
                if (length == 0) continue;
                if (result[label.Start] == '-' || result[label.End - 1] == '-') return false;
                if (length >= 4 && result[label.Start + 2] == '-' && result[label.Start + 3] == '-') return false;
            }
            return true;
        }

        /// <summary>The Punycode part of an xn-- label: ASCII only, decodable, and not empty or all-ASCII once decoded.</summary>
        [MethodImpl(Tiering.Optimized)]
        private bool TryDecode(int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (text[i] >= 0x80) return false;
            }
            if (decoded == null) decoded = new CodePointBuffer(end - start + 8);
            if (!Punycode.Decode(text, start, end, decoded)) return false;
            for (int i = 0; i < decoded.Count; i++)
            {
                if (decoded[i] >= 0x80) return true;
            }
            return false;
        }

        /// <summary>CheckBidi: in a Bidi domain name (one with an R, AL or AN character) every label must satisfy the Bidi Rule.</summary>
        [MethodImpl(Tiering.Optimized)]
        public void CheckBidi()
        {
            bool bidiDomain = false;
            for (int i = 0; i < result.Count && !bidiDomain; i++)
            {
                int c = result[i];
                if (c >= 0x590) bidiDomain = BidiRule.IsRtl(UnicodeTables.GetBidiClass(c));
            }
            if (!bidiDomain) return;
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (label.Valid && !BidiRule.Satisfies(result, label.Start, label.End))
                {
                    label.Valid = false;
                    labels[i] = label;
                }
            }
        }

        /// <summary>UTS #46 ToASCII steps 2 and 3 on a domain without errors; null on failure.</summary>
        [MethodImpl(Tiering.Optimized)]
        public string ToAscii(bool verifyDnsLength)
        {
            var sb = output.Clear();
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (i > 0) sb.Append('.');
                int labelStart = sb.Length;
                bool ascii = true;
                for (int j = label.Start; j < label.End && ascii; j++) ascii = result[j] < 0x80;
                if (ascii)
                {
                    for (int j = label.Start; j < label.End; j++) sb.Append((char)result[j]);
                }
                else
                {
                    sb.Append("xn--");
                    if (!Punycode.Encode(result, label.Start, label.End, sb)) return null;
                }
                if (verifyDnsLength)
                {
                    int length = sb.Length - labelStart;
                    bool root = i == labels.Count - 1 && i > 0 && length == 0;
                    if (!root && (length < 1 || length > 63)) return null;
                }
            }
            if (verifyDnsLength)
            {
                int total = sb.Length;
                if (total > 0 && sb[total - 1] == '.') total--;
                if (total < 1 || total > 253) return null;
            }
            return sb.ToString();
        }

        /// <summary>The labels for display: decoded where valid, as given where not.</summary>
        [MethodImpl(Tiering.Optimized)]
        public string ToUnicode()
        {
            var sb = output.Clear();
            for (int i = 0; i < labels.Count; i++)
            {
                var label = labels[i];
                if (i > 0) sb.Append('.');
                if (label.Valid)
                {
                    for (int j = label.Start; j < label.End; j++) CodePointBuffer.AppendUtf16(sb, result[j]);
                }
                else
                {
                    for (int j = label.SourceStart; j < label.SourceEnd; j++) CodePointBuffer.AppendUtf16(sb, text[j]);
                }
            }
            return sb.ToString();
        }

        /// <summary>
        /// UTS #46 section 4, Processing: map, normalize, break into labels, convert/validate.
        /// Each step is linear; <paramref name="cancellationToken"/> is checked between them.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static ProcessedDomain Process(string domain, bool useStd3AsciiRules, CancellationToken cancellationToken)
        {
            // The buffers are reused from one call to the next (a concurrent call gets its own;
            // a cancelled call leaves its buffers to the garbage collector).
            var work = Interlocked.Exchange(ref s_cachedWork, null) ?? new ProcessedDomain();
            work.Reset();
            var text = work.Text;
            Map(domain, text);
            cancellationToken.ThrowIfCancellationRequested();
            Nfc.Normalize(text, work.Scratch);
            cancellationToken.ThrowIfCancellationRequested();

            int labelStart = 0;
            for (int i = 0; i <= text.Count; i++)
            {
                if (i < text.Count && text[i] != '.') continue;
                work.AddLabel(labelStart, i, useStd3AsciiRules);
                labelStart = i + 1;
            }
            work.CheckBidi();
            return work;
        }

        private static ProcessedDomain s_cachedWork;

        /// <summary>Keeps this one's buffers for the next call unless they grew large.</summary>
        public void Release()
        {
            if (Text.Capacity <= 1024) Volatile.Write(ref s_cachedWork, this);
        }

        /// <summary>Step 1, Map: each code point by its status in the IDNA mapping table.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void Map(string domain, CodePointBuffer output)
        {
            for (int i = 0; i < domain.Length; i++)
            {
                int c = domain[i];
                if (c < 0x80)
                {
                    output.Add(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
                    continue;
                }
                if (char.IsHighSurrogate((char)c) && i + 1 < domain.Length && char.IsLowSurrogate(domain[i + 1]))
                {
                    c = char.ConvertToUtf32((char)c, domain[i + 1]);
                    i++;
                }
                switch (UnicodeTables.GetStatus(c, out int offset, out int length))
                {
                    case IdnaStatus.Mapped:
                        output.AddUtf16(IdnaData.MappingPool, offset, length);
                        break;
                    case IdnaStatus.Ignored:
                        break;
                    default:
                        // Valid (and deviation) stay; disallowed stay too and fail validation later.
                        output.Add(c);
                        break;
                }
            }
        }

        /// <summary>One label after Convert/Validate.</summary>
        private struct Label
        {
            /// <summary>The label in the mapped, normalized text (as given, lowercased).</summary>
            public int SourceStart, SourceEnd;

            /// <summary>The label after Punycode decoding, in <see cref="ProcessedDomain.result"/>.</summary>
            public int Start, End;

            public bool Valid;
        }
    }
}
