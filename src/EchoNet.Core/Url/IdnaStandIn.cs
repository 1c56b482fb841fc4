// TEMPORARY stand-in for the real UTS #46 implementation that lands on branch `idna`
// (src/EchoNet.Core/Url/Idna/). Delete this whole file when merging that branch.
// It handles ASCII domains only: ASCII-lowercase, and fail on anything non-ASCII.
namespace EchoNet.Url.Idna
{
    public static class Idna
    {
        public static bool TryDomainToAscii(string domain, bool beStrict, out string ascii)
        {
            ascii = null;
            if (string.IsNullOrEmpty(domain)) return false;
            var chars = domain.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] > 0x7F) return false;
                if (chars[i] >= 'A' && chars[i] <= 'Z') chars[i] = (char)(chars[i] + 0x20);
            }
            ascii = new string(chars);
            return true;
        }

        public static string ToUnicode(string asciiDomain) => asciiDomain;
    }
}
