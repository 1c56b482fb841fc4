using System.Collections.Generic;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// The Standard's tokenizer (1.2.2 Tokenizing): a pattern string into tokens, code point by code
    /// point. Under the strict policy an error throws; under the lenient one (the constructor string
    /// parser's) it becomes an invalid-char token. One pass; a regexp group is scanned once.
    /// </summary>
    internal sealed class PatternTokenizer
    {
        private readonly CodePointString _input;
        private readonly bool _strict;
        private readonly string _component;
        private readonly string _text;
        private readonly List<PatternToken> _tokens = new List<PatternToken>();
        private int _index;
        private int _nextIndex;
        private int _codePoint;

        private PatternTokenizer(string text, bool strict, string component)
        {
            _text = text;
            _input = new CodePointString(text);
            _strict = strict;
            _component = component;
        }

        /// <summary>Tokenizes <paramref name="input"/>; <paramref name="component"/> names it in errors.</summary>
        public static List<PatternToken> Tokenize(string input, bool strict, string component)
        {
            var tokenizer = new PatternTokenizer(input, strict, component);
            tokenizer.Run();
            return tokenizer._tokens;
        }

        private void Run()
        {
            int length = _input.Length;
            while (_index < length)
            {
                SeekAndGetNext(_index);
                switch (_codePoint)
                {
                    case '*': AddDefault(PatternTokenType.Asterisk); continue;
                    case '+':
                    case '?': AddDefault(PatternTokenType.OtherModifier); continue;
                    case '\\':
                        if (_index == length - 1)
                        {
                            Error(_nextIndex, _index, "a pattern cannot end with a backslash");
                            continue;
                        }
                        int escapedIndex = _nextIndex;
                        GetNext();
                        Add(PatternTokenType.EscapedChar, _nextIndex, escapedIndex, _nextIndex - escapedIndex);
                        continue;
                    case '{': AddDefault(PatternTokenType.Open); continue;
                    case '}': AddDefault(PatternTokenType.Close); continue;
                    case ':': ReadName(); continue;
                    case '(': ReadRegexp(); continue;
                    default: AddDefault(PatternTokenType.Char); continue;
                }
            }
            Add(PatternTokenType.End, _index, _index, 0);
        }

        private void ReadName()
        {
            int namePosition = _nextIndex;
            int nameStart = namePosition;
            while (namePosition < _input.Length)
            {
                SeekAndGetNext(namePosition);
                if (!NameCodePoints.IsValid(_codePoint, namePosition == nameStart)) break;
                namePosition = _nextIndex;
            }
            if (namePosition <= nameStart)
            {
                Error(nameStart, _index, "':' must be followed by a group name");
                return;
            }
            Add(PatternTokenType.Name, namePosition, nameStart, namePosition - nameStart);
        }

        private void ReadRegexp()
        {
            int depth = 1;
            int position = _nextIndex;
            int start = position;
            int length = _input.Length;
            while (position < length)
            {
                SeekAndGetNext(position);
                if (_codePoint >= 0x80)
                {
                    Error(start, _index, "a regular expression group may hold ASCII code points only");
                    return;
                }
                if (position == start && _codePoint == '?')
                {
                    Error(start, _index, "a regular expression group cannot start with '?'");
                    return;
                }
                if (_codePoint == '\\')
                {
                    if (position == length - 1)
                    {
                        Error(start, _index, "a regular expression group cannot end with a backslash");
                        return;
                    }
                    GetNext();
                    if (_codePoint >= 0x80)
                    {
                        Error(start, _index, "a regular expression group may hold ASCII code points only");
                        return;
                    }
                    position = _nextIndex;
                    continue;
                }
                if (_codePoint == ')')
                {
                    depth--;
                    if (depth == 0)
                    {
                        position = _nextIndex;
                        break;
                    }
                }
                else if (_codePoint == '(')
                {
                    depth++;
                    if (position == length - 1)
                    {
                        Error(start, _index, "unbalanced '(' in a regular expression group");
                        return;
                    }
                    int temporary = _nextIndex;
                    GetNext();
                    if (_codePoint != '?')
                    {
                        Error(start, _index, "a regular expression group cannot hold a capturing group; use (?:...)");
                        return;
                    }
                    _nextIndex = temporary;
                }
                position = _nextIndex;
            }
            if (depth != 0)
            {
                Error(start, _index, "unbalanced '(' in a regular expression group");
                return;
            }
            int regexpLength = position - start - 1;
            if (regexpLength == 0)
            {
                Error(start, _index, "a regular expression group cannot be empty");
                return;
            }
            Add(PatternTokenType.Regexp, position, start, regexpLength);
        }

        private void GetNext()
        {
            _codePoint = _input[_nextIndex];
            _nextIndex++;
        }

        private void SeekAndGetNext(int index)
        {
            _nextIndex = index;
            GetNext();
        }

        private void Add(PatternTokenType type, int nextPosition, int valuePosition, int valueLength)
        {
            _tokens.Add(new PatternToken(type, _index, _input.Substring(valuePosition, valueLength)));
            _index = nextPosition;
        }

        private void AddDefault(PatternTokenType type) => Add(type, _nextIndex, _index, _nextIndex - _index);

        private void Error(int nextPosition, int valuePosition, string reason)
        {
            if (_strict) throw new UrlPatternFormatException(_component, _text, _index, reason);
            Add(PatternTokenType.InvalidChar, nextPosition, valuePosition, nextPosition - valuePosition);
        }
    }
}
