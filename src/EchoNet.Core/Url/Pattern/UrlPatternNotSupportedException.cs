using System;

namespace EchoNet
{
    /// <summary>
    /// A regular expression in a URL pattern that is valid JavaScript (v flag) but that .NET's
    /// Regex cannot express with the same meaning (a Unicode script property, a string in a class
    /// set, an astral code point in a class). The pattern is refused rather than matched differently.
    /// </summary>
    public sealed class UrlPatternNotSupportedException : NotSupportedException
    {
        public UrlPatternNotSupportedException(string component, string regexp, string reason)
            : base($"The {component} pattern's regular expression '{regexp}' cannot be expressed in .NET: {reason}")
        {
            Component = component;
            Regexp = regexp;
            Reason = reason;
        }

        public string Component { get; }

        public string Regexp { get; }

        public string Reason { get; }
    }
}
