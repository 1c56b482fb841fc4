using System.Collections.Generic;
using System.Text;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// Translates a regexp part, written for JavaScript with the v flag (the Standard compiles with
    /// "v" or "vi"), into a .NET pattern with the same meaning: '.', \d, \w, \s, \b as JavaScript
    /// defines them (ASCII word characters; '.' one code point, no line terminators), '$' only at
    /// the end, class set operations (-- and &amp;&amp;) as .NET class subtraction, \u{...} as
    /// UTF-16. Syntax the v flag forbids (identity escapes such as \m, unknown groups such as (?R),
    /// lone braces) is an error; what .NET cannot say is <see cref="UrlPatternNotSupportedException"/>.
    /// <see cref="NeedsBacktracking"/> reports lookarounds and backreferences, which the linear
    /// engine lacks.
    /// </summary>
    internal sealed class JsRegexTranslator
    {
        private const string LineTerminators = "\\n\\r\\u2028\\u2029";
        private const string DigitSet = "0-9";
        private const string WordSet = "a-zA-Z0-9_";
        private const string SpaceSet = "\\t\\n\\u000B\\f\\r\\u0020\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
        private const string AnyCodePoint = "(?:[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[^" + LineTerminators + "])";

        private readonly string _source;
        private readonly string _component;
        private readonly StringBuilder _out = new StringBuilder();
        private int _pos;

        private JsRegexTranslator(string source, string component)
        {
            _source = source;
            _component = component;
        }

        public bool NeedsBacktracking { get; private set; }

        /// <summary>The .NET pattern for <paramref name="source"/>; sets <paramref name="needsBacktracking"/>.</summary>
        public static string Translate(string source, string component, out bool needsBacktracking)
        {
            var translator = new JsRegexTranslator(source, component);
            translator.Disjunction(0);
            if (translator._pos < source.Length) throw translator.Error("unmatched ')'");
            needsBacktracking = translator.NeedsBacktracking;
            return translator._out.ToString();
        }

        private bool More => _pos < _source.Length;
        private char Peek => _source[_pos];

        private void Disjunction(int depth)
        {
            while (More)
            {
                char c = Peek;
                if (c == ')')
                {
                    if (depth == 0) throw Error("unmatched ')'");
                    return;
                }
                if (c == '|')
                {
                    _pos++;
                    _out.Append('|');
                    continue;
                }
                bool quantifiable = Atom(depth);
                Quantifier(quantifiable);
            }
            if (depth > 0) throw Error("unterminated group");
        }

        /// <summary>One term; returns whether a quantifier may follow it.</summary>
        private bool Atom(int depth)
        {
            char c = _source[_pos++];
            switch (c)
            {
                case '^': _out.Append('^'); return false;
                case '$': _out.Append("\\z"); return false;
                case '.': _out.Append(AnyCodePoint); return true;
                case '(': return Group(depth);
                case '[':
                    _out.Append(ClassToDotNet(ParseClass()));
                    return true;
                case '\\': return Escape();
                case '*':
                case '+':
                case '?':
                    throw Error($"nothing to repeat before '{c}'");
                case '{':
                case '}':
                case ']':
                    throw Error($"a lone '{c}' must be escaped");
                default:
                    RegexEscaping.AppendDotNetLiteral(_out, c);
                    return true;
            }
        }

        private bool Group(int depth)
        {
            bool quantifiable = true;
            if (More && Peek == '?')
            {
                _pos++;
                if (Consume(":")) _out.Append("(?:");
                else if (Consume("=")) { _out.Append("(?="); NeedsBacktracking = true; quantifiable = false; }
                else if (Consume("!")) { _out.Append("(?!"); NeedsBacktracking = true; quantifiable = false; }
                else if (Consume("<=")) { _out.Append("(?<="); NeedsBacktracking = true; quantifiable = false; }
                else if (Consume("<!")) { _out.Append("(?<!"); NeedsBacktracking = true; quantifiable = false; }
                else if (Consume("<"))
                {
                    int end = _source.IndexOf('>', _pos);
                    if (end <= _pos) throw Error("invalid group name");
                    string name = _source.Substring(_pos, end - _pos);
                    for (int i = 0; i < name.Length; i++)
                        if (!NameCodePoints.IsValid(name[i], i == 0)) throw Error($"invalid group name '{name}'");
                    _pos = end + 1;
                    // Named groups keep their name; .NET numbers them after the unnamed part groups,
                    // so the part groups stay 1..n as the Standard counts them.
                    _out.Append("(?<").Append(EncodeGroupName(name)).Append('>');
                }
                else if (ModifierGroup()) { }
                else throw Error("invalid group");
            }
            else
            {
                throw Error("a regular expression group cannot hold a capturing group; use (?:...)");
            }
            Disjunction(depth + 1);
            _pos++; // the ')'
            _out.Append(')');
            return quantifiable;
        }

        /// <summary>(?i:...), (?m:...), (?-i:...): ES2025 modifiers, which .NET writes the same way ('s' would change '.').</summary>
        private bool ModifierGroup()
        {
            int start = _pos;
            while (More && (Peek == 'i' || Peek == 'm' || Peek == '-')) _pos++;
            if (_pos > start && More && Peek == ':')
            {
                _pos++;
                _out.Append("(?").Append(_source, start, _pos - start);
                return true;
            }
            if (More && Peek == 's') throw NotSupported("the 's' modifier group");
            _pos = start;
            return false;
        }

        private static string EncodeGroupName(string name)
        {
            var sb = new StringBuilder("n_");
            foreach (char c in name)
            {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) sb.Append(c);
                else sb.Append('_').Append(((int)c).ToString("X4")).Append('_');
            }
            return sb.ToString();
        }

        private void Quantifier(bool quantifiable)
        {
            if (!More) return;
            char c = Peek;
            int start = _pos;
            if (c == '*' || c == '+' || c == '?')
            {
                _pos++;
            }
            else if (c == '{')
            {
                int end = _source.IndexOf('}', _pos);
                if (end < 0 || !IsBraceQuantifier(_source.Substring(_pos + 1, end - _pos - 1))) throw Error("a lone '{' must be escaped");
                _pos = end + 1;
            }
            else
            {
                return;
            }
            if (!quantifiable) throw Error("nothing to repeat");
            _out.Append(_source, start, _pos - start);
            if (More && Peek == '?')
            {
                _pos++;
                _out.Append('?');
            }
            if (More && (Peek == '*' || Peek == '+' || Peek == '?' || Peek == '{')) throw Error("nothing to repeat");
        }

        private static bool IsBraceQuantifier(string body)
        {
            int comma = body.IndexOf(',');
            string min = comma < 0 ? body : body.Substring(0, comma);
            string max = comma < 0 ? "0" : body.Substring(comma + 1);
            if (min.Length == 0 || !AllDigits(min) || !AllDigits(max)) return false;
            if (comma >= 0 && max.Length > 0 && ulong.TryParse(min, out ulong a) && ulong.TryParse(max, out ulong b) && a > b) return false;
            return true;
        }

        private static bool AllDigits(string s)
        {
            foreach (char c in s) if (c < '0' || c > '9') return false;
            return true;
        }

        private bool Escape()
        {
            if (!More) throw Error("'\\' at the end");
            char c = _source[_pos++];
            switch (c)
            {
                case 'd': _out.Append('[').Append(DigitSet).Append(']'); return true;
                case 'D': _out.Append("[^").Append(DigitSet).Append(']'); return true;
                case 'w': _out.Append('[').Append(WordSet).Append(']'); return true;
                case 'W': _out.Append("[^").Append(WordSet).Append(']'); return true;
                case 's': _out.Append('[').Append(SpaceSet).Append(']'); return true;
                case 'S': _out.Append("[^").Append(SpaceSet).Append(']'); return true;
                case 'b':
                    NeedsBacktracking = true;
                    _out.Append("(?:(?<=[" + WordSet + "])(?![" + WordSet + "])|(?<![" + WordSet + "])(?=[" + WordSet + "]))");
                    return false;
                case 'B':
                    NeedsBacktracking = true;
                    _out.Append("(?:(?<=[" + WordSet + "])(?=[" + WordSet + "])|(?<![" + WordSet + "])(?![" + WordSet + "]))");
                    return false;
                case 'k':
                    {
                        if (!Consume("<")) throw Error("invalid named reference");
                        int end = _source.IndexOf('>', _pos);
                        if (end <= _pos) throw Error("invalid named reference");
                        string name = _source.Substring(_pos, end - _pos);
                        _pos = end + 1;
                        NeedsBacktracking = true;
                        _out.Append("\\k<").Append(EncodeGroupName(name)).Append('>');
                        return true;
                    }
                case 'p':
                case 'P':
                    _out.Append('[').Append(c == 'P' ? "^" : string.Empty).Append(PropertyToDotNet()).Append(']');
                    return true;
            }
            if (c >= '1' && c <= '9')
            {
                int start = _pos - 1;
                while (More && Peek >= '0' && Peek <= '9') _pos++;
                NeedsBacktracking = true;
                _out.Append('\\').Append(_source, start, _pos - start);
                return true;
            }
            int codePoint = CharacterEscape(c, inClass: false);
            AppendCodePoint(_out, codePoint);
            return true;
        }

        private static void AppendCodePoint(StringBuilder sb, int codePoint)
        {
            if (codePoint < 0x10000)
            {
                RegexEscaping.AppendDotNetLiteral(sb, (char)codePoint);
                return;
            }
            string pair = char.ConvertFromUtf32(codePoint);
            sb.Append("(?:");
            RegexEscaping.AppendDotNetLiteral(sb, pair);
            sb.Append(')');
        }

        /// <summary>A CharacterEscape after '\' (c already read): its code point, or an error.</summary>
        private int CharacterEscape(char c, bool inClass)
        {
            switch (c)
            {
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'v': return '\v';
                case '0':
                    if (More && Peek >= '0' && Peek <= '9') throw Error("octal escapes are not allowed");
                    return 0;
                case 'c':
                    if (More && ((Peek | 0x20) >= 'a' && (Peek | 0x20) <= 'z')) return _source[_pos++] % 32;
                    throw Error("invalid control escape");
                case 'x':
                    return Hex(2);
                case 'u':
                    if (Consume("{"))
                    {
                        int end = _source.IndexOf('}', _pos);
                        if (end <= _pos) throw Error("invalid \\u{...} escape");
                        string hex = _source.Substring(_pos, end - _pos);
                        _pos = end + 1;
                        if (!int.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, null, out int value) || value > 0x10FFFF || hex.Length > 8)
                            throw Error("invalid \\u{...} escape");
                        return value;
                    }
                    int unit = Hex(4);
                    if (unit >= 0xD800 && unit <= 0xDBFF && _pos + 6 <= _source.Length && _source[_pos] == '\\' && _source[_pos + 1] == 'u')
                    {
                        int save = _pos;
                        _pos += 2;
                        int low;
                        try { low = Hex(4); }
                        catch (UrlPatternFormatException) { _pos = save; return unit; }
                        if (low >= 0xDC00 && low <= 0xDFFF) return char.ConvertToUtf32((char)unit, (char)low);
                        _pos = save;
                    }
                    return unit;
            }
            if ("^$\\.*+?()[]{}|/".IndexOf(c) >= 0) return c;
            if (inClass && "&-!#%,:;<=>@`~".IndexOf(c) >= 0) return c;
            throw Error($"'\\{c}' is not a valid escape with the v flag");
        }

        private int Hex(int digits)
        {
            if (_pos + digits > _source.Length) throw Error("invalid hexadecimal escape");
            int value = 0;
            for (int i = 0; i < digits; i++)
            {
                int h = CodePoints.HexValue(_source[_pos + i]);
                if (h < 0) throw Error("invalid hexadecimal escape");
                value = value * 16 + h;
            }
            _pos += digits;
            return value;
        }

        /// <summary>\p{...}: general categories .NET knows by their short names; a few binary properties.</summary>
        private string PropertyToDotNet()
        {
            if (!Consume("{")) throw Error("invalid property escape");
            int end = _source.IndexOf('}', _pos);
            if (end <= _pos) throw Error("invalid property escape");
            string name = _source.Substring(_pos, end - _pos);
            _pos = end + 1;
            string value = name;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                string key = name.Substring(0, eq);
                value = name.Substring(eq + 1);
                if (key == "Script" || key == "sc" || key == "Script_Extensions" || key == "scx")
                    throw NotSupported($"Unicode script properties (\\p{{{name}}})");
                if (key != "General_Category" && key != "gc") throw Error($"unknown property '{name}'");
            }
            if (value == "ASCII") return "\\u0000-\\u007F";
            if (value == "Any") return "\\u0000-\\uFFFF";
            string category = GeneralCategory(value);
            if (category == null) throw NotSupported($"the property \\p{{{name}}}");
            return "\\p{" + category + "}";
        }

        private static readonly Dictionary<string, string> LongCategoryNames = new Dictionary<string, string>
        {
            ["Letter"] = "L", ["Cased_Letter"] = "LC", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
            ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M",
            ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me", ["Number"] = "N",
            ["Decimal_Number"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No", ["Punctuation"] = "P",
            ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
            ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf",
            ["Other_Punctuation"] = "Po", ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc",
            ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So", ["Separator"] = "Z", ["Space_Separator"] = "Zs",
            ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp", ["Other"] = "C", ["Control"] = "Cc",
            ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
        };

        private static string GeneralCategory(string value)
        {
            if (LongCategoryNames.TryGetValue(value, out string shortName)) return shortName == "LC" ? null : shortName;
            foreach (var known in LongCategoryNames.Values)
                if (known == value && known != "LC") return known;
            return null;
        }

        // ---- Character classes (v flag: ClassSetExpression) ----

        /// <summary>A class as .NET can write it: a flat set (ranges, escapes) that may be negated and may have a set subtracted.</summary>
        private sealed class ClassSet
        {
            public readonly StringBuilder Items = new StringBuilder();
            public bool Negated;
            public ClassSet Subtracted;
            public bool MatchesNothing => Items.Length == 0 && !Negated && Subtracted == null;
        }

        private static string ClassToDotNet(ClassSet set)
        {
            if (set.Items.Length == 0 && set.Subtracted == null) return set.Negated ? "[\\s\\S]" : "(?!)";
            return "[" + ClassBody(set) + "]";
        }

        private static string ClassBody(ClassSet set)
        {
            var sb = new StringBuilder();
            if (set.Negated) sb.Append('^');
            sb.Append(set.Items);
            if (set.Subtracted != null) sb.Append("-[").Append(ClassBody(set.Subtracted)).Append(']');
            return sb.ToString();
        }

        /// <summary>After '[': the class up to its ']'.</summary>
        private ClassSet ParseClass()
        {
            var set = new ClassSet();
            if (More && Peek == '^')
            {
                _pos++;
                set.Negated = true;
            }
            var first = ParseUnionOperand(set, out bool single);
            if (More && (Starts("--") || Starts("&&")))
            {
                // ClassSubtraction / ClassIntersection: operands are single items or nested classes.
                if (!single) throw Error("a set operation needs single operands");
                var left = first;
                while (More && (Starts("--") || Starts("&&")))
                {
                    bool subtract = Starts("--");
                    _pos += 2;
                    var right = ParseOperand();
                    left = Combine(left, right, subtract);
                }
                if (!Consume("]")) throw Error("unterminated character class");
                if (set.Negated)
                {
                    if (left.Negated) throw NotSupported("a negated class of a negated set operation");
                    left.Negated = true;
                }
                return left;
            }
            if (!Consume("]")) throw Error("unterminated character class");
            return set;
        }

        private ClassSet Combine(ClassSet left, ClassSet right, bool subtract)
        {
            if (left.Subtracted != null || left.Negated)
            {
                // (A -- B) -- C is A -- (B ∪ C) when B and C are flat and positive.
                if (subtract && !left.Negated && !right.Negated && right.Subtracted == null && left.Subtracted.Subtracted == null && !left.Subtracted.Negated)
                {
                    left.Subtracted.Items.Append(right.Items);
                    return left;
                }
                throw NotSupported("this chain of class set operations");
            }
            var result = new ClassSet();
            result.Items.Append(left.Items);
            if (right.Subtracted != null) throw NotSupported("a set operation whose right operand is itself an operation");
            var removed = new ClassSet();
            removed.Items.Append(right.Items);
            // A -- B removes B; A && B removes what is not in B.
            removed.Negated = subtract ? right.Negated : !right.Negated;
            if (removed.Items.Length == 0 && !removed.Negated) return result;
            result.Subtracted = removed;
            return result;
        }

        /// <summary>Union items until ']' or an operator; single is true when exactly one operand was read.</summary>
        private ClassSet ParseUnionOperand(ClassSet into, out bool single)
        {
            int count = 0;
            ClassSet last = null;
            while (More && Peek != ']' && !Starts("--") && !Starts("&&"))
            {
                var operand = ParseOperandOrRange();
                count++;
                last = operand;
                if (operand.Subtracted != null || operand.Negated)
                {
                    if (count == 1 && More && (Starts("--") || Starts("&&"))) break;
                    if (operand.Negated && operand.Subtracted == null && !into.Negated && into.Items.Length == 0 && More && Peek == ']')
                    {
                        // [[^a]] is [^a]
                        into.Negated = true;
                        into.Items.Append(operand.Items);
                        continue;
                    }
                    throw NotSupported("a union with a negated or operated nested class");
                }
                into.Items.Append(operand.Items);
            }
            if (!More) throw Error("unterminated character class");
            single = count == 1;
            return count == 1 ? last : into;
        }

        private ClassSet ParseOperandOrRange()
        {
            int start = _pos;
            if (Peek != '[' && Peek != '\\' || (Peek == '\\' && _pos + 1 < _source.Length && "dDwWsSpPq".IndexOf(_source[_pos + 1]) < 0))
            {
                int low = ClassCharacter();
                if (More && Peek == '-' && !Starts("--"))
                {
                    _pos++;
                    int high = ClassCharacter();
                    if (high < low) throw Error("a class range is out of order");
                    var range = new ClassSet();
                    AppendClassCodePoint(range.Items, low);
                    range.Items.Append('-');
                    AppendClassCodePoint(range.Items, high);
                    return range;
                }
                var one = new ClassSet();
                AppendClassCodePoint(one.Items, low);
                return one;
            }
            _pos = start;
            return ParseOperand();
        }

        /// <summary>A nested class, a class escape, or one character.</summary>
        private ClassSet ParseOperand()
        {
            if (!More) throw Error("unterminated character class");
            if (Peek == '[')
            {
                _pos++;
                return ParseClass();
            }
            if (Peek == '\\' && _pos + 1 < _source.Length)
            {
                char e = _source[_pos + 1];
                var set = new ClassSet();
                switch (e)
                {
                    case 'd': set.Items.Append(DigitSet); _pos += 2; return set;
                    case 'w': set.Items.Append(WordSet); _pos += 2; return set;
                    case 's': set.Items.Append(SpaceSet); _pos += 2; return set;
                    case 'D': set.Items.Append(DigitSet); set.Negated = true; _pos += 2; return set;
                    case 'W': set.Items.Append(WordSet); set.Negated = true; _pos += 2; return set;
                    case 'S': set.Items.Append(SpaceSet); set.Negated = true; _pos += 2; return set;
                    case 'p':
                    case 'P':
                        _pos += 2;
                        set.Items.Append(PropertyToDotNet());
                        set.Negated = e == 'P';
                        return set;
                    case 'q':
                        throw NotSupported("strings in a class (\\q{...})");
                }
            }
            var single = new ClassSet();
            AppendClassCodePoint(single.Items, ClassCharacter());
            return single;
        }

        private int ClassCharacter()
        {
            if (!More) throw Error("unterminated character class");
            char c = _source[_pos++];
            if (c == '\\')
            {
                if (!More) throw Error("'\\' at the end");
                char e = _source[_pos++];
                if (e == 'b') return '\b';
                if (e == '-') return '-';
                return CharacterEscape(e, inClass: true);
            }
            if ("()[]{}/-|".IndexOf(c) >= 0) throw Error($"'{c}' must be escaped in a class with the v flag");
            if (More && Peek == c && "&!#$%*+,.:;<=>?@^`~".IndexOf(c) >= 0) throw Error($"'{c}{c}' is reserved in a class with the v flag");
            return c;
        }

        private void AppendClassCodePoint(StringBuilder sb, int codePoint)
        {
            if (codePoint >= 0x10000) throw NotSupported("a code point above U+FFFF in a class");
            RegexEscaping.AppendDotNetLiteral(sb, (char)codePoint);
        }

        private bool Starts(string text) => string.CompareOrdinal(_source, _pos, text, 0, text.Length) == 0;

        private bool Consume(string text)
        {
            if (!Starts(text)) return false;
            _pos += text.Length;
            return true;
        }

        private UrlPatternFormatException Error(string reason) =>
            new UrlPatternFormatException(_component, _source, _pos, "invalid regular expression: " + reason);

        private UrlPatternNotSupportedException NotSupported(string what) =>
            new UrlPatternNotSupportedException(_component, _source, what + " has no .NET equivalent");
    }
}
