using System.Globalization;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// "Is a valid name code point": JavaScript's IdentifierStart and IdentifierPart
    /// (ID_Start / ID_Continue plus '$', '_', ZWNJ and ZWJ), read from the .NET Unicode categories.
    /// </summary>
    internal static class NameCodePoints
    {
        public static bool IsValid(int codePoint, bool first)
        {
            if (codePoint == '$' || codePoint == '_') return true;
            if (codePoint < 0x80)
            {
                if ((codePoint | 0x20) >= 'a' && (codePoint | 0x20) <= 'z') return true;
                return !first && codePoint >= '0' && codePoint <= '9';
            }
            if (!first && (codePoint == 0x200C || codePoint == 0x200D)) return true;
            if (codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return false;
            var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.LetterNumber:
                    return true;
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.DecimalDigitNumber:
                case UnicodeCategory.ConnectorPunctuation:
                    return !first;
                default:
                    // Other_ID_Start / Other_ID_Continue members the categories miss.
                    return codePoint == 0x2118 || codePoint == 0x212E || codePoint == 0x309B || codePoint == 0x309C
                        || (!first && (codePoint == 0x00B7 || codePoint == 0x0387 || (codePoint >= 0x1369 && codePoint <= 0x1371) || codePoint == 0x19DA));
            }
        }
    }
}
