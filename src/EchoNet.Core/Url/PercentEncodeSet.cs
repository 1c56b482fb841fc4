using System.Runtime.CompilerServices;
namespace EchoNet.Url
{
    /// <summary>
    /// The Standard's percent-encode sets. Every set holds the C0 controls and all code points
    /// above U+007E, so only the ASCII members differ; <see cref="PercentEncodeSets"/> keeps
    /// one membership bit per set for each ASCII code point.
    /// </summary>
    public enum PercentEncodeSet
    {
        C0Control,
        Fragment,
        Query,
        SpecialQuery,
        Path,
        Userinfo,
        Component,
        FormUrlEncoded,
    }

    internal static class PercentEncodeSets
    {
        // Bit (1 << (int)set) is set when the ASCII code point is in that set (C0 controls and
        // DELETE are in every set, as is everything above U+007F). The Stop* bits mark the code
        // points that end a path segment, a query or an opaque path, so the parser can scan and
        // encode a component in one pass.
        internal static readonly ushort[] Membership = Build();

        public const int StopSlash = 1 << 8, StopBackslash = 1 << 9, StopQuestionMark = 1 << 10, StopNumberSign = 1 << 11;

        /// <summary>
        /// Marks the ASCII code points a URL unit check must look at: those that are not URL code
        /// points, and '%' (valid only before two hex digits). See <see cref="UrlUnits"/>.
        /// </summary>
        public const int CheckUnit = 1 << 12;

        /// <summary>Marks the forbidden host code points (URL Standard), which an opaque host may not contain.</summary>
        public const int ForbiddenHost = 1 << 13;

        /// <summary>Where a path segment ends: / ? # and, in a special URL, ''.</summary>
        public const int PathSegmentStops = StopSlash | StopQuestionMark | StopNumberSign;
        public const int SpecialPathSegmentStops = PathSegmentStops | StopBackslash;
        public const int QueryStops = StopNumberSign;
        public const int OpaquePathStops = StopQuestionMark | StopNumberSign;

        [MethodImpl(Tiering.Inline)]
        public static bool Contains(PercentEncodeSet set, int c) =>
            c > 0x7E || c < 0x20 || (Membership[c] & (1 << (int)set)) != 0;

        private static ushort[] Build()
        {
            var table = new ushort[0x80];
            const ushort all = 0xFF;
            for (int c = 0; c < 0x20; c++) table[c] = all;
            table[0x7F] = all;
            table['/'] |= StopSlash;
            table['\\'] |= StopBackslash;
            table['?'] |= StopQuestionMark;
            table['#'] |= StopNumberSign;
            for (int c = 0; c < 0x80; c++)
            {
                if (c == '%' || !UrlUnits.IsUrlCodePoint(c)) table[c] |= CheckUnit;
                if (CodePoints.IsForbiddenHostCodePoint(c)) table[c] |= ForbiddenHost;
            }
            // The sets are defined as chains of "that set and these code points".
            const string fragmentExtra = " \"<>`";
            const string queryExtra = " \"#<>";
            const string specialQueryExtra = "'";
            const string pathExtra = "?^`{}";
            const string userinfoExtra = "/:;=@[\\]^|";
            const string componentExtra = "$%&+,";
            const string formExtra = "!'()~";

            Add(table, PercentEncodeSet.Fragment, fragmentExtra);
            Add(table, PercentEncodeSet.Query, queryExtra);
            Add(table, PercentEncodeSet.SpecialQuery, queryExtra + specialQueryExtra);
            string path = queryExtra + pathExtra;
            Add(table, PercentEncodeSet.Path, path);
            string userinfo = path + userinfoExtra;
            Add(table, PercentEncodeSet.Userinfo, userinfo);
            string component = userinfo + componentExtra;
            Add(table, PercentEncodeSet.Component, component);
            Add(table, PercentEncodeSet.FormUrlEncoded, component + formExtra);
            return table;
        }

        private static void Add(ushort[] table, PercentEncodeSet set, string members)
        {
            foreach (char c in members) table[c] |= (ushort)(1 << (int)set);
        }
    }
}
