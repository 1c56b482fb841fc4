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
        // Bit (1 << (int)set) is set when the printable ASCII code point is in that set;
        // C0 controls and everything above U+007E (DELETE included) are in every set.
        private static readonly ushort[] Membership = Build();

        [MethodImpl(Tiering.Inline)]
        public static bool Contains(PercentEncodeSet set, int c) =>
            c > 0x7E || c < 0x20 || (Membership[c] & (1 << (int)set)) != 0;

        private static ushort[] Build()
        {
            var table = new ushort[0x80];
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
