using System.Text;

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
        public static bool IsSpecial(string scheme) => DefaultPortOrNone(scheme) != NoDefaultPort || scheme == File;

        /// <summary>Marks "no default port": file and every non-special scheme.</summary>
        public const int NoDefaultPort = -1;

        /// <summary>The default port of a special scheme, or <see cref="NoDefaultPort"/>.</summary>
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
        /// The scheme in <paramref name="buffer"/> (already ASCII-lowercased) as a string, reusing the
        /// constant for the special schemes so the common case allocates nothing.
        /// </summary>
        internal static string Intern(StringBuilder buffer)
        {
            switch (buffer.Length)
            {
                case 2: if (Is(buffer, Ws)) return Ws; break;
                case 3: if (Is(buffer, Ftp)) return Ftp; if (Is(buffer, Wss)) return Wss; break;
                case 4: if (Is(buffer, Http)) return Http; if (Is(buffer, File)) return File; break;
                case 5: if (Is(buffer, Https)) return Https; break;
            }
            return buffer.ToString();
        }

        private static bool Is(StringBuilder buffer, string name)
        {
            for (int i = 0; i < name.Length; i++)
                if (buffer[i] != name[i]) return false;
            return true;
        }
    }
}
