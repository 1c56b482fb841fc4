using System.Collections.Generic;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// "Parse a constructor string" (1.1.4): a shorthand such as "https://*.example.com/books/:id"
    /// into a <see cref="UrlPatternInit"/>, over lenient tokens so that pattern syntax never looks
    /// like a URL delimiter. One pass with bounded rewinds (a rewind goes back to the start of the
    /// current component, and each state is entered at most once), so it is linear.
    /// </summary>
    internal sealed class ConstructorStringParser
    {
        private enum State { Init, Protocol, Authority, Username, Password, Hostname, Port, Pathname, Search, Hash, Done }

        private readonly CodePointString _input;
        private readonly List<PatternToken> _tokens;
        private readonly UrlPatternInit _result = new UrlPatternInit();
        private int _componentStart;
        private int _tokenIndex;
        private int _tokenIncrement = 1;
        private int _groupDepth;
        private int _ipv6BracketDepth;
        private bool _protocolMatchesSpecialScheme;
        private State _state = State.Init;

        private ConstructorStringParser(string input)
        {
            _input = new CodePointString(input);
            _tokens = PatternTokenizer.Tokenize(input, strict: false, component: null);
        }

        public static UrlPatternInit Parse(string input)
        {
            var parser = new ConstructorStringParser(input);
            parser.Run();
            return parser._result;
        }

        private void Run()
        {
            while (_tokenIndex < _tokens.Count)
            {
                _tokenIncrement = 1;
                if (_tokens[_tokenIndex].Type == PatternTokenType.End)
                {
                    if (_state == State.Init)
                    {
                        Rewind();
                        if (IsHashPrefix()) ChangeState(State.Hash, 1);
                        else if (IsSearchPrefix()) ChangeState(State.Search, 1);
                        else ChangeState(State.Pathname, 0);
                        _tokenIndex += _tokenIncrement;
                        continue;
                    }
                    if (_state == State.Authority)
                    {
                        RewindAndSetState(State.Hostname);
                        _tokenIndex += _tokenIncrement;
                        continue;
                    }
                    ChangeState(State.Done, 0);
                    break;
                }
                if (_tokens[_tokenIndex].Type == PatternTokenType.Open)
                {
                    _groupDepth++;
                    _tokenIndex += _tokenIncrement;
                    continue;
                }
                if (_groupDepth > 0)
                {
                    if (_tokens[_tokenIndex].Type == PatternTokenType.Close) _groupDepth--;
                    else
                    {
                        _tokenIndex += _tokenIncrement;
                        continue;
                    }
                }
                Step();
                _tokenIndex += _tokenIncrement;
            }
            if (_result.Hostname != null && _result.Port == null) _result.Port = string.Empty;
        }

        private void Step()
        {
            switch (_state)
            {
                case State.Init:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":")) RewindAndSetState(State.Protocol);
                    break;
                case State.Protocol:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":"))
                    {
                        ComputeProtocolMatchesSpecialScheme();
                        var next = State.Pathname;
                        int skip = 1;
                        if (IsNonSpecialPatternChar(_tokenIndex + 1, "/") && IsNonSpecialPatternChar(_tokenIndex + 2, "/"))
                        {
                            next = State.Authority;
                            skip = 3;
                        }
                        else if (_protocolMatchesSpecialScheme)
                        {
                            next = State.Authority;
                        }
                        ChangeState(next, skip);
                    }
                    break;
                case State.Authority:
                    if (IsNonSpecialPatternChar(_tokenIndex, "@")) RewindAndSetState(State.Username);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "/") || IsSearchPrefix() || IsHashPrefix()) RewindAndSetState(State.Hostname);
                    break;
                case State.Username:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":")) ChangeState(State.Password, 1);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "@")) ChangeState(State.Hostname, 1);
                    break;
                case State.Password:
                    if (IsNonSpecialPatternChar(_tokenIndex, "@")) ChangeState(State.Hostname, 1);
                    break;
                case State.Hostname:
                    if (IsNonSpecialPatternChar(_tokenIndex, "[")) _ipv6BracketDepth++;
                    else if (IsNonSpecialPatternChar(_tokenIndex, "]")) _ipv6BracketDepth--;
                    else if (IsNonSpecialPatternChar(_tokenIndex, ":") && _ipv6BracketDepth == 0) ChangeState(State.Port, 1);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "/")) ChangeState(State.Pathname, 0);
                    else if (IsSearchPrefix()) ChangeState(State.Search, 1);
                    else if (IsHashPrefix()) ChangeState(State.Hash, 1);
                    break;
                case State.Port:
                    if (IsNonSpecialPatternChar(_tokenIndex, "/")) ChangeState(State.Pathname, 0);
                    else if (IsSearchPrefix()) ChangeState(State.Search, 1);
                    else if (IsHashPrefix()) ChangeState(State.Hash, 1);
                    break;
                case State.Pathname:
                    if (IsSearchPrefix()) ChangeState(State.Search, 1);
                    else if (IsHashPrefix()) ChangeState(State.Hash, 1);
                    break;
                case State.Search:
                    if (IsHashPrefix()) ChangeState(State.Hash, 1);
                    break;
            }
        }

        private void ChangeState(State newState, int skip)
        {
            if (_state != State.Init && _state != State.Authority && _state != State.Done) SetComponent(_state, MakeComponentString());
            if (_state != State.Init && newState != State.Done)
            {
                bool beforeHostname = _state == State.Protocol || _state == State.Authority || _state == State.Username || _state == State.Password;
                bool beforePathname = beforeHostname || _state == State.Hostname || _state == State.Port;
                if (beforeHostname && (newState == State.Port || newState == State.Pathname || newState == State.Search || newState == State.Hash)
                    && _result.Hostname == null)
                {
                    _result.Hostname = string.Empty;
                }
                if (beforePathname && (newState == State.Search || newState == State.Hash) && _result.Pathname == null)
                {
                    _result.Pathname = _protocolMatchesSpecialScheme ? "/" : string.Empty;
                }
                if ((beforePathname || _state == State.Pathname) && newState == State.Hash && _result.Search == null)
                {
                    _result.Search = string.Empty;
                }
            }
            _state = newState;
            _tokenIndex += skip;
            _componentStart = _tokenIndex;
            _tokenIncrement = 0;
        }

        private void SetComponent(State state, string value)
        {
            switch (state)
            {
                case State.Protocol: _result.Protocol = value; break;
                case State.Username: _result.Username = value; break;
                case State.Password: _result.Password = value; break;
                case State.Hostname: _result.Hostname = value; break;
                case State.Port: _result.Port = value; break;
                case State.Pathname: _result.Pathname = value; break;
                case State.Search: _result.Search = value; break;
                case State.Hash: _result.Hash = value; break;
            }
        }

        private void Rewind()
        {
            _tokenIndex = _componentStart;
            _tokenIncrement = 0;
        }

        private void RewindAndSetState(State state)
        {
            Rewind();
            _state = state;
        }

        private PatternToken SafeToken(int index) => index < _tokens.Count ? _tokens[index] : _tokens[_tokens.Count - 1];

        private bool IsNonSpecialPatternChar(int index, string value)
        {
            var token = SafeToken(index);
            if (token.Value != value) return false;
            return token.Type == PatternTokenType.Char || token.Type == PatternTokenType.EscapedChar || token.Type == PatternTokenType.InvalidChar;
        }

        private bool IsSearchPrefix()
        {
            if (IsNonSpecialPatternChar(_tokenIndex, "?")) return true;
            if (_tokens[_tokenIndex].Value != "?") return false;
            int previousIndex = _tokenIndex - 1;
            if (previousIndex < 0) return true;
            var previous = SafeToken(previousIndex);
            return previous.Type != PatternTokenType.Name && previous.Type != PatternTokenType.Regexp
                && previous.Type != PatternTokenType.Close && previous.Type != PatternTokenType.Asterisk;
        }

        private bool IsHashPrefix() => IsNonSpecialPatternChar(_tokenIndex, "#");

        private string MakeComponentString()
        {
            var token = _tokens[_tokenIndex];
            int start = SafeToken(_componentStart).Index;
            return _input.Substring(start, token.Index - start);
        }

        private void ComputeProtocolMatchesSpecialScheme()
        {
            var protocol = UrlPatternComponent.Compile(MakeComponentString(), ComponentCanonicalizer.Protocol, PatternOptions.Default, "protocol");
            if (protocol.MatchesSpecialScheme()) _protocolMatchesSpecialScheme = true;
        }
    }
}
