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
        private enum ConstructorState { Init, Protocol, Authority, Username, Password, Hostname, Port, Pathname, Search, Hash, Done }

        private readonly CodePointString _input;
        private readonly List<PatternToken> _tokens;
        private readonly UrlPatternInit _result = new UrlPatternInit();
        private int _componentStart;
        private int _tokenIndex;
        private int _tokenIncrement = 1;
        private int _groupDepth;
        private int _ipv6BracketDepth;
        private bool _protocolMatchesSpecialScheme;
        private ConstructorState _state = ConstructorState.Init;

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
                    if (_state == ConstructorState.Init)
                    {
                        Rewind();
                        if (IsHashPrefix()) ChangeState(ConstructorState.Hash, 1);
                        else if (IsSearchPrefix()) ChangeState(ConstructorState.Search, 1);
                        else ChangeState(ConstructorState.Pathname, 0);
                        _tokenIndex += _tokenIncrement;
                        continue;
                    }
                    if (_state == ConstructorState.Authority)
                    {
                        RewindAndSetState(ConstructorState.Hostname);
                        _tokenIndex += _tokenIncrement;
                        continue;
                    }
                    ChangeState(ConstructorState.Done, 0);
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
                ReadToken();
                _tokenIndex += _tokenIncrement;
            }
            if (_result.Hostname != null && _result.Port == null) _result.Port = string.Empty;
        }

        private void ReadToken()
        {
            switch (_state)
            {
                case ConstructorState.Init:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":")) RewindAndSetState(ConstructorState.Protocol);
                    break;
                case ConstructorState.Protocol:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":"))
                    {
                        ComputeProtocolMatchesSpecialScheme();
                        var next = ConstructorState.Pathname;
                        int skip = 1;
                        if (IsNonSpecialPatternChar(_tokenIndex + 1, "/") && IsNonSpecialPatternChar(_tokenIndex + 2, "/"))
                        {
                            next = ConstructorState.Authority;
                            skip = 3;
                        }
                        else if (_protocolMatchesSpecialScheme)
                        {
                            next = ConstructorState.Authority;
                        }
                        ChangeState(next, skip);
                    }
                    break;
                case ConstructorState.Authority:
                    if (IsNonSpecialPatternChar(_tokenIndex, "@")) RewindAndSetState(ConstructorState.Username);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "/") || IsSearchPrefix() || IsHashPrefix()) RewindAndSetState(ConstructorState.Hostname);
                    break;
                case ConstructorState.Username:
                    if (IsNonSpecialPatternChar(_tokenIndex, ":")) ChangeState(ConstructorState.Password, 1);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "@")) ChangeState(ConstructorState.Hostname, 1);
                    break;
                case ConstructorState.Password:
                    if (IsNonSpecialPatternChar(_tokenIndex, "@")) ChangeState(ConstructorState.Hostname, 1);
                    break;
                case ConstructorState.Hostname:
                    if (IsNonSpecialPatternChar(_tokenIndex, "[")) _ipv6BracketDepth++;
                    else if (IsNonSpecialPatternChar(_tokenIndex, "]")) _ipv6BracketDepth--;
                    else if (IsNonSpecialPatternChar(_tokenIndex, ":") && _ipv6BracketDepth == 0) ChangeState(ConstructorState.Port, 1);
                    else if (IsNonSpecialPatternChar(_tokenIndex, "/")) ChangeState(ConstructorState.Pathname, 0);
                    else if (IsSearchPrefix()) ChangeState(ConstructorState.Search, 1);
                    else if (IsHashPrefix()) ChangeState(ConstructorState.Hash, 1);
                    break;
                case ConstructorState.Port:
                    if (IsNonSpecialPatternChar(_tokenIndex, "/")) ChangeState(ConstructorState.Pathname, 0);
                    else if (IsSearchPrefix()) ChangeState(ConstructorState.Search, 1);
                    else if (IsHashPrefix()) ChangeState(ConstructorState.Hash, 1);
                    break;
                case ConstructorState.Pathname:
                    if (IsSearchPrefix()) ChangeState(ConstructorState.Search, 1);
                    else if (IsHashPrefix()) ChangeState(ConstructorState.Hash, 1);
                    break;
                case ConstructorState.Search:
                    if (IsHashPrefix()) ChangeState(ConstructorState.Hash, 1);
                    break;
            }
        }

        private void ChangeState(ConstructorState newState, int skip)
        {
            if (_state != ConstructorState.Init && _state != ConstructorState.Authority && _state != ConstructorState.Done) SetComponent(_state, MakeComponentString());
            if (_state != ConstructorState.Init && newState != ConstructorState.Done)
            {
                bool beforeHostname = _state == ConstructorState.Protocol || _state == ConstructorState.Authority || _state == ConstructorState.Username || _state == ConstructorState.Password;
                bool beforePathname = beforeHostname || _state == ConstructorState.Hostname || _state == ConstructorState.Port;
                if (beforeHostname && (newState == ConstructorState.Port || newState == ConstructorState.Pathname || newState == ConstructorState.Search || newState == ConstructorState.Hash)
                    && _result.Hostname == null)
                {
                    _result.Hostname = string.Empty;
                }
                if (beforePathname && (newState == ConstructorState.Search || newState == ConstructorState.Hash) && _result.Pathname == null)
                {
                    _result.Pathname = _protocolMatchesSpecialScheme ? "/" : string.Empty;
                }
                if ((beforePathname || _state == ConstructorState.Pathname) && newState == ConstructorState.Hash && _result.Search == null)
                {
                    _result.Search = string.Empty;
                }
            }
            _state = newState;
            _tokenIndex += skip;
            _componentStart = _tokenIndex;
            _tokenIncrement = 0;
        }

        private void SetComponent(ConstructorState state, string value)
        {
            switch (state)
            {
                case ConstructorState.Protocol: _result.Protocol = value; break;
                case ConstructorState.Username: _result.Username = value; break;
                case ConstructorState.Password: _result.Password = value; break;
                case ConstructorState.Hostname: _result.Hostname = value; break;
                case ConstructorState.Port: _result.Port = value; break;
                case ConstructorState.Pathname: _result.Pathname = value; break;
                case ConstructorState.Search: _result.Search = value; break;
                case ConstructorState.Hash: _result.Hash = value; break;
            }
        }

        private void Rewind()
        {
            _tokenIndex = _componentStart;
            _tokenIncrement = 0;
        }

        private void RewindAndSetState(ConstructorState state)
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
