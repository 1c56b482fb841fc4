using System.Runtime.CompilerServices;
using System;

namespace EchoNet.Url
{
    /// <summary>The IPv6 parser and serializer (URL Standard, "IPv6 parser" / "IPv6 serializer").</summary>
    internal static class IPv6Parser
    {
        /// <summary>
        /// Parses <c>input[start..end)</c>, the text between '[' and ']', into eight 16-bit pieces.
        /// A piece written with a leading zero is recorded in <paramref name="errors"/>.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public static UrlValidationError Parse(string input, int start, int end, Span<ushort> address, ref ValidationErrorLog errors)
        {
            int pieceIndex = 0;
            int compress = -1;
            int pointer = start;
            int At(int p) => p < end ? input[p] : CodePoints.Eof;

            // A leading "::" compresses from piece 0; a lone leading ':' is an error.
            if (At(pointer) == ':')
            {
                if (At(pointer + 1) != ':') return UrlValidationError.IPv6InvalidCompression;
                pointer += 2;
                pieceIndex++;
                compress = pieceIndex;
            }

            while (At(pointer) != CodePoints.Eof)
            {
                if (pieceIndex == 8) return UrlValidationError.IPv6TooManyPieces;
                if (At(pointer) == ':')
                {
                    if (compress >= 0) return UrlValidationError.IPv6MultipleCompression;
                    pointer++;
                    pieceIndex++;
                    compress = pieceIndex;
                    continue;
                }

                int value = 0, length = 0;
                while (length < 4 && CodePoints.IsAsciiHexDigit(At(pointer)))
                {
                    value = value * 0x10 + CodePoints.HexValue(At(pointer));
                    pointer++;
                    length++;
                }

                if (At(pointer) == '.')
                {
                    // An embedded IPv4 address fills the last two pieces; reparse its digits as decimal.
                    if (length == 0) return UrlValidationError.IPv4InIPv6InvalidCodePoint;
                    pointer -= length;
                    if (pieceIndex > 6) return UrlValidationError.IPv4InIPv6TooManyPieces;
                    int numbersSeen = 0;
                    while (At(pointer) != CodePoints.Eof)
                    {
                        int ipv4Piece = -1;
                        if (numbersSeen > 0)
                        {
                            if (At(pointer) == '.' && numbersSeen < 4) pointer++;
                            else return UrlValidationError.IPv4InIPv6InvalidCodePoint;
                        }
                        if (!CodePoints.IsAsciiDigit(At(pointer))) return UrlValidationError.IPv4InIPv6InvalidCodePoint;
                        while (CodePoints.IsAsciiDigit(At(pointer)))
                        {
                            int number = At(pointer) - '0';
                            if (ipv4Piece < 0) ipv4Piece = number;
                            else if (ipv4Piece == 0) return UrlValidationError.IPv4InIPv6InvalidCodePoint; // leading zero
                            else ipv4Piece = ipv4Piece * 10 + number;
                            if (ipv4Piece > 255) return UrlValidationError.IPv4InIPv6OutOfRangePart;
                            pointer++;
                        }
                        address[pieceIndex] = (ushort)(address[pieceIndex] * 0x100 + ipv4Piece);
                        numbersSeen++;
                        if (numbersSeen == 2 || numbersSeen == 4) pieceIndex++;
                    }
                    if (numbersSeen != 4) return UrlValidationError.IPv4InIPv6TooFewParts;
                    break;
                }
                else if (At(pointer) == ':')
                {
                    pointer++;
                    if (At(pointer) == CodePoints.Eof) return UrlValidationError.IPv6InvalidCodePoint;
                }
                else if (At(pointer) != CodePoints.Eof)
                {
                    return UrlValidationError.IPv6InvalidCodePoint;
                }
                if (length > 1 && value < 1 << (4 * (length - 1))) errors.Add(UrlValidationError.IPv6PieceLeadingZero);
                address[pieceIndex] = (ushort)value;
                pieceIndex++;
            }

            if (compress >= 0)
            {
                // Move the pieces after "::" to the end; the zeros in between are the compressed run.
                int swaps = pieceIndex - compress;
                pieceIndex = 7;
                while (pieceIndex != 0 && swaps > 0)
                {
                    int other = compress + swaps - 1;
                    ushort held = address[pieceIndex];
                    address[pieceIndex] = address[other];
                    address[other] = held;
                    pieceIndex--;
                    swaps--;
                }
            }
            else if (pieceIndex != 8)
            {
                return UrlValidationError.IPv6TooFewPieces;
            }
            return UrlValidationError.None;
        }

        /// <summary>The host serialization: "[" + shortest form with the first longest zero run as "::" + "]".</summary>
        [MethodImpl(Tiering.Optimized)]
        public static void Serialize(ReadOnlySpan<ushort> address, UrlBuilder output)
        {
            // Find the first longest run of two or more zero pieces.
            int compress = -1, bestLength = 1;
            for (int i = 0; i < 8;)
            {
                if (address[i] != 0) { i++; continue; }
                int runStart = i;
                while (i < 8 && address[i] == 0) i++;
                if (i - runStart > bestLength)
                {
                    bestLength = i - runStart;
                    compress = runStart;
                }
            }

            output.Append('[');
            bool ignoreZeros = false;
            for (int i = 0; i < 8; i++)
            {
                if (ignoreZeros && address[i] == 0) continue;
                ignoreZeros = false;
                if (compress == i)
                {
                    output.Append(i == 0 ? "::" : ":");
                    ignoreZeros = true;
                    continue;
                }
                AppendHex(address[i], output);
                if (i != 7) output.Append(':');
            }
            output.Append(']');
        }

        /// <summary>Lowercase hex without leading zeros.</summary>
        [MethodImpl(Tiering.Optimized)]
        private static void AppendHex(int piece, UrlBuilder output)
        {
            const string digits = "0123456789abcdef";
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                int d = (piece >> shift) & 0xF;
                if (d == 0 && !started && shift != 0) continue;
                started = true;
                output.Append(digits[d]);
            }
        }
    }
}
