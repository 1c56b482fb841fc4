using System;
using System.Collections.Generic;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// "Parse a pattern string" (1.2.5): strict tokens into a part list, fixed text run through the
    /// component's encoding callback. Errors name the component and the code point position of the
    /// token where parsing stopped.
    /// </summary>
    internal sealed class PatternParser
    {
        private readonly List<PatternToken> _tokens;
        private readonly Func<string, string> _encode;
        private readonly string _segmentWildcardRegexp;
        private readonly PatternOptions _options;
        private readonly string _component;
        private readonly string _input;
        private readonly List<PatternPart> _parts = new List<PatternPart>();
        private readonly System.Text.StringBuilder _pendingFixed = new System.Text.StringBuilder();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.Ordinal);
        private int _index;
        private int _nextNumericName;

        private PatternParser(string input, PatternOptions options, Func<string, string> encode, string component)
        {
            _input = input;
            _component = component;
            _options = options;
            _encode = encode;
            _segmentWildcardRegexp = options.SegmentWildcardRegexp;
            _tokens = PatternTokenizer.Tokenize(input, strict: true, component);
        }

        public static List<PatternPart> Parse(string input, PatternOptions options, Func<string, string> encode, string component)
        {
            var parser = new PatternParser(input, options, encode, component);
            parser.Run();
            return parser._parts;
        }

        private void Run()
        {
            while (_index < _tokens.Count)
            {
                var charToken = TryConsume(PatternTokenType.Char);
                var nameToken = TryConsume(PatternTokenType.Name);
                var regexpOrWildcard = TryConsumeRegexpOrWildcard(nameToken);
                if (nameToken != null || regexpOrWildcard != null)
                {
                    string prefix = charToken?.Value ?? string.Empty;
                    if (prefix.Length != 0 && prefix != _options.Prefix)
                    {
                        _pendingFixed.Append(prefix);
                        prefix = string.Empty;
                    }
                    FlushPendingFixed();
                    var modifierToken = TryConsumeModifier();
                    AddPart(prefix, nameToken, regexpOrWildcard, string.Empty, modifierToken);
                    continue;
                }
                var fixedToken = charToken ?? TryConsume(PatternTokenType.EscapedChar);
                if (fixedToken != null)
                {
                    _pendingFixed.Append(fixedToken.Value);
                    continue;
                }
                var openToken = TryConsume(PatternTokenType.Open);
                if (openToken != null)
                {
                    string prefix = ConsumeText();
                    nameToken = TryConsume(PatternTokenType.Name);
                    regexpOrWildcard = TryConsumeRegexpOrWildcard(nameToken);
                    string suffix = ConsumeText();
                    ConsumeRequired(PatternTokenType.Close, "a '{' group must be closed by '}'");
                    var modifierToken = TryConsumeModifier();
                    AddPart(prefix, nameToken, regexpOrWildcard, suffix, modifierToken);
                    continue;
                }
                FlushPendingFixed();
                ConsumeRequired(PatternTokenType.End, "unexpected '" + _tokens[_index].Value + "'");
            }
        }

        private PatternToken TryConsume(PatternTokenType type)
        {
            var next = _tokens[_index];
            if (next.Type != type) return null;
            _index++;
            return next;
        }

        private PatternToken TryConsumeModifier() => TryConsume(PatternTokenType.OtherModifier) ?? TryConsume(PatternTokenType.Asterisk);

        private PatternToken TryConsumeRegexpOrWildcard(PatternToken nameToken)
        {
            var token = TryConsume(PatternTokenType.Regexp);
            if (nameToken == null && token == null) token = TryConsume(PatternTokenType.Asterisk);
            return token;
        }

        private void ConsumeRequired(PatternTokenType type, string reason)
        {
            if (TryConsume(type) == null) throw Fail(_tokens[_index].Index, reason);
        }

        private string ConsumeText()
        {
            var result = new System.Text.StringBuilder();
            while (true)
            {
                var token = TryConsume(PatternTokenType.Char) ?? TryConsume(PatternTokenType.EscapedChar);
                if (token == null) return result.ToString();
                result.Append(token.Value);
            }
        }

        private void FlushPendingFixed()
        {
            if (_pendingFixed.Length == 0) return;
            string encoded = Encode(_pendingFixed.ToString());
            _pendingFixed.Clear();
            _parts.Add(new PatternPart(PatternPartType.FixedText, encoded, PatternModifier.None));
        }

        private void AddPart(string prefix, PatternToken nameToken, PatternToken regexpOrWildcard, string suffix, PatternToken modifierToken)
        {
            var modifier = PatternModifier.None;
            if (modifierToken != null)
            {
                modifier = modifierToken.Value == "?" ? PatternModifier.Optional
                    : modifierToken.Value == "*" ? PatternModifier.ZeroOrMore
                    : PatternModifier.OneOrMore;
            }
            if (nameToken == null && regexpOrWildcard == null && modifier == PatternModifier.None)
            {
                _pendingFixed.Append(prefix); // a "{foo}" group joins the text around it
                return;
            }
            FlushPendingFixed();
            if (nameToken == null && regexpOrWildcard == null)
            {
                if (prefix.Length == 0) return;
                _parts.Add(new PatternPart(PatternPartType.FixedText, Encode(prefix), modifier));
                return;
            }

            string regexpValue = regexpOrWildcard == null ? _segmentWildcardRegexp
                : regexpOrWildcard.Type == PatternTokenType.Asterisk ? RegexEscaping.FullWildcardRegexp
                : regexpOrWildcard.Value;
            var type = PatternPartType.Regexp;
            if (regexpValue == _segmentWildcardRegexp)
            {
                type = PatternPartType.SegmentWildcard;
                regexpValue = string.Empty;
            }
            else if (regexpValue == RegexEscaping.FullWildcardRegexp)
            {
                type = PatternPartType.FullWildcard;
                regexpValue = string.Empty;
            }

            string name;
            if (nameToken != null) name = nameToken.Value;
            else name = (_nextNumericName++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_names.Add(name))
            {
                var at = nameToken ?? regexpOrWildcard;
                throw Fail(at.Index, $"the group name '{name}' is used twice");
            }
            _parts.Add(new PatternPart(type, regexpValue, modifier, name, Encode(prefix), Encode(suffix)));
        }

        private string Encode(string value)
        {
            try
            {
                return _encode(value);
            }
            catch (UrlPatternFormatException e) when (e.Component == null)
            {
                throw Fail(_tokens[Math.Max(0, _index - 1)].Index, e.Reason);
            }
        }

        private UrlPatternFormatException Fail(int position, string reason) =>
            new UrlPatternFormatException(_component, _input, position, reason);
    }
}
