using System.Runtime.CompilerServices;
namespace EchoNet.Url
{
    /// <summary>
    /// The special schemes and their default ports (URL Standard, "special scheme").
    /// Special URLs get hierarchical parsing: a required host (except file), '\' as '/',
    /// and a path that is a list of segments.
    /// </summary>
    public static class SpecialSchemes
    {
        public const string Ftp = "ftp";
        public const string File = "file";
        public const string Http = "http";
        public const string Https = "https";
        public const string Ws = "ws";
        public const string Wss = "wss";

        /// <summary>True for ftp, file, http, https, ws and wss.</summary>
        [MethodImpl(Tiering.Inline)]
        public static bool IsSpecial(string scheme) => DefaultPortOrNone(scheme) != NoDefaultPort || scheme == File;

        /// <summary>Marks "no default port": file and every non-special scheme.</summary>
        public const int NoDefaultPort = -1;

        /// <summary>The default port of a special scheme, or <see cref="NoDefaultPort"/>.</summary>
        [MethodImpl(Tiering.Inline)]
        public static int DefaultPortOrNone(string scheme)
        {
            switch (scheme)
            {
                case Ftp: return 21;
                case Http: return 80;
                case Https: return 443;
                case Ws: return 80;
                case Wss: return 443;
                default: return NoDefaultPort;
            }
        }

        /// <summary>
        /// The scheme in <c>input[start..end)</c> (ASCII letters, digits, + - .), lowercased, as a
        /// string; the special schemes come back as their constants, so they allocate nothing.
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        internal static string Intern(string input, int start, int end)
        {
            string special = SpecialOrNull(input, start, end);
            if (special != null) return special;
            var chars = new char[end - start];
            for (int i = 0; i < chars.Length; i++) chars[i] = CodePoints.ToAsciiLower(input[start + i]);
            return new string(chars);
        }

        /// <summary>The special scheme's constant when <c>input[start..end)</c> names one (ASCII case-insensitive), else null.</summary>
        [MethodImpl(Tiering.Inline)]
        internal static string SpecialOrNull(string input, int start, int end)
        {
            switch (end - start)
            {
                case 2: if (Is(input, start, Ws)) return Ws; break;
                case 3: if (Is(input, start, Ftp)) return Ftp; if (Is(input, start, Wss)) return Wss; break;
                case 4: if (Is(input, start, Http)) return Http; if (Is(input, start, File)) return File; break;
                case 5: if (Is(input, start, Https)) return Https; break;
            }
            return null;
        }

        /// <summary>ASCII case-insensitive match of a lowercase name (scheme code points only).</summary>
        [MethodImpl(Tiering.Inline)]
        private static bool Is(string input, int start, string name)
        {
            for (int i = 0; i < name.Length; i++)
                if ((input[start + i] | 0x20) != name[i]) return false;
            return true;
        }
    }
}
