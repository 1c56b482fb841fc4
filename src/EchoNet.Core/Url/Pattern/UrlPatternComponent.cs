using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// A compiled component (1.1.3, "compile a component"): its normalized pattern string, its
    /// group names, whether it has regexp groups, and how it matches. Components that are a lone
    /// wildcard or fixed text match without a regex (the Standard allows matching against the part
    /// list directly); the rest run a .NET Regex, on the linear (non-backtracking) engine where the
    /// runtime has it and the expression allows, otherwise backtracking under a match timeout.
    /// </summary>
    internal sealed class UrlPatternComponent
    {
        private enum MatchKind { Regex, Wildcard, Fixed }

        // RegexOptions.NonBacktracking (.NET 7+), which netstandard2.0's enum lacks.
        private const RegexOptions NonBacktracking = (RegexOptions)1024;
        private static readonly char[] LineTerminators = { '\n', '\r', '\u2028', '\u2029' };

        private readonly MatchKind _kind;
        private readonly string _fixedText;
        private readonly bool _ignoreCase;
        private PartListMatcher _matcher;

        private UrlPatternComponent(string patternString, List<string> names, bool hasRegExpGroups, MatchKind kind,
            string fixedText, bool ignoreCase, string regexPattern, RegexOptions regexOptions, TimeSpan timeout, bool needsBacktracking, Regex checkedRegex)
        {
            PatternString = patternString;
            GroupNames = names;
            HasRegExpGroups = hasRegExpGroups;
            _kind = kind;
            _fixedText = fixedText;
            _ignoreCase = ignoreCase;
            RegexPattern = regexPattern;
            _regexOptions = regexOptions;
            _timeout = timeout;
            _needsBacktracking = needsBacktracking;
            _regex = needsBacktracking ? checkedRegex : null;
        }

        private readonly RegexOptions _regexOptions;
        private readonly TimeSpan _timeout;
        private readonly bool _needsBacktracking;
        private Regex _regex;

        public string PatternString { get; }

        public IReadOnlyList<string> GroupNames { get; }

        public bool HasRegExpGroups { get; }

        /// <summary>The .NET expression this component stands for (also when it matches without running it).</summary>
        public string RegexPattern { get; }

        /// <summary>
        /// The regex that matches, built on first use: on the linear engine where the runtime has
        /// it and the expression allows (no lookaround or backreference, under its size limit),
        /// else on the backtracking one under the match timeout. Built lazily because the
        /// linear engine's construction is the costliest step of a pattern and many components
        /// never need a regex (fixed text, '*', route-shaped part lists under Test).
        /// </summary>
        public Regex Regex
        {
            get
            {
                var regex = _regex;
                if (regex != null) return regex;
                regex = (_needsBacktracking ? null : TryLinear(RegexPattern, _regexOptions, _timeout)) ?? new Regex(RegexPattern, _regexOptions, _timeout);
                Interlocked.CompareExchange(ref _regex, regex, null);
                return _regex;
            }
        }

        /// <summary>True when the component is a lone '*': it matches anything without a line terminator.</summary>
        public bool IsWildcard => _kind == MatchKind.Wildcard;

        /// <summary>True when matching runs on the linear engine or needs no regex at all.</summary>
        public bool IsLinear => _kind != MatchKind.Regex || (Regex.Options & NonBacktracking) != 0;

        internal List<PatternPart> Parts { get; private set; }

        internal PatternOptions Options { get; private set; }

        internal Func<string, string> Encoding { get; private set; }

        public static UrlPatternComponent Compile(string input, Func<string, string> encode, PatternOptions options, string component,
            TimeSpan? matchTimeout = null)
        {
            var parts = PatternParser.Parse(input, options, encode, component);
            var names = new List<string>();
            string pattern = PatternRegexGenerator.Generate(parts, options, component, names, out bool needsBacktracking);
            string patternString = PatternStringGenerator.Generate(parts, options);
            bool hasRegExpGroups = false;
            foreach (var part in parts) hasRegExpGroups |= part.Type == PatternPartType.Regexp;

            var kind = MatchKind.Regex;
            string fixedText = null;
            if (parts.Count == 0)
            {
                kind = MatchKind.Fixed;
                fixedText = string.Empty;
            }
            else if (parts.Count == 1 && parts[0].Modifier == PatternModifier.None)
            {
                var only = parts[0];
                if (only.Type == PatternPartType.FixedText && IsAscii(only.Value))
                {
                    kind = MatchKind.Fixed;
                    fixedText = only.Value;
                }
                else if (only.Type == PatternPartType.FullWildcard && only.Prefix.Length == 0 && only.Suffix.Length == 0)
                {
                    kind = MatchKind.Wildcard;
                }
            }

            var regexOptions = RegexOptions.CultureInvariant | (options.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            var timeout = matchTimeout ?? UrlPattern.DefaultMatchTimeout;
            Regex checkedRegex = null;
            if (hasRegExpGroups)
            {
                // A regexp group is compiled at once, as the Standard's RegExpCreate is, so that a bad
                // one fails construction; the backtracking engine parses it (and keeps it when a
                // lookaround or backreference rules out the linear one).
                try
                {
                    checkedRegex = new Regex(pattern, regexOptions, timeout);
                }
                catch (ArgumentException e)
                {
                    throw new UrlPatternFormatException(component, input, -1, "invalid regular expression: " + e.Message);
                }
            }

            return new UrlPatternComponent(patternString, names, hasRegExpGroups, kind, fixedText, options.IgnoreCase, pattern,
                regexOptions, timeout, needsBacktracking, checkedRegex)
            {
                Parts = parts,
                Options = options,
                Encoding = encode,
                _matcher = kind == MatchKind.Regex ? PartListMatcher.TryCreate(parts, options) : null,
            };
        }

        private static Regex TryLinear(string pattern, RegexOptions options, TimeSpan timeout)
        {
            try
            {
                return new Regex(pattern, options | NonBacktracking, timeout);
            }
            catch (NotSupportedException)
            {
                return null;
            }
            catch (ArgumentOutOfRangeException)
            {
                return null; // a runtime without the linear engine (.NET Framework)
            }
        }

        private static bool IsAscii(string s)
        {
            foreach (char c in s) if (c >= 0x80) return false;
            return true;
        }

        /// <summary>Whether <paramref name="input"/> matches (no groups are gathered).</summary>
        public bool Test(string input) => Test(input, 0, input.Length);

        /// <summary>Whether <c>input[start..end)</c> matches; only the regex needs the slice as a string of its own.</summary>
        [MethodImpl(Tiering.Optimized)]
        public bool Test(string input, int start, int end)
        {
            int length = end - start;
            switch (_kind)
            {
                case MatchKind.Wildcard:
                    return length == 0 || input.IndexOfAny(LineTerminators, start, length) < 0;
                case MatchKind.Fixed:
                    return length == _fixedText.Length
                        && string.Compare(input, start, _fixedText, 0, length, _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal) == 0;
            }
            if (_matcher != null && _matcher.TryTest(input, start, end, out bool matched)) return matched;
            return Regex.IsMatch(start == 0 && length == input.Length ? input : input.Substring(start, length));
        }

        /// <summary>The group values (null for a group that took no part), or null when <paramref name="input"/> does not match.</summary>
        public string[] Exec(string input)
        {
            switch (_kind)
            {
                case MatchKind.Wildcard: return Test(input) ? new[] { input } : null;
                case MatchKind.Fixed: return Test(input) ? Array.Empty<string>() : null;
            }
            var match = Regex.Match(input);
            if (!match.Success) return null;
            var values = new string[GroupNames.Count];
            for (int i = 0; i < values.Length; i++)
            {
                var group = match.Groups[i + 1];
                values[i] = group.Success ? group.Value : null;
            }
            return values;
        }

        /// <summary>"Protocol component matches a special scheme".</summary>
        public bool MatchesSpecialScheme()
        {
            foreach (var scheme in SpecialSchemeNames)
                if (Test(scheme)) return true;
            return false;
        }

        private static readonly string[] SpecialSchemeNames =
        {
            SpecialSchemes.Ftp, SpecialSchemes.File, SpecialSchemes.Http, SpecialSchemes.Https, SpecialSchemes.Ws, SpecialSchemes.Wss,
        };
    }
}
