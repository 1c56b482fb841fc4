using System.Runtime.CompilerServices;
using System;
using System.Collections.Generic;

namespace EchoNet.Url.Pattern
{
    /// <summary>
    /// Test() without a regex for the part lists most route patterns are (the Standard lets an
    /// implementation match against the part list directly when there are no regexp groups):
    /// fixed text, named groups that end at the delimiter, and '*', none with a modifier (but for
    /// optional text at the very end of a list without '*', as in "http{s}?"). The list
    /// becomes runs of literal text and "segments" separated by full wildcards; every step is
    /// decided without backtracking, so a test is one pass over the input. Part lists it cannot
    /// decide that way (modifiers, regexp groups, non-ASCII text, a named group after a '*', a
    /// named group followed by text that does not start with the delimiter) get no matcher, and the
    /// component's regex answers; so does an input with a line terminator (which '*' does not
    /// match and a named group without delimiter does) or, ignoring case, with non-ASCII text.
    /// </summary>
    internal sealed class PartListMatcher
    {
        private enum MatchStepKind { Literal, Segment, Any, OptionalLiteral }

        private readonly struct MatchStep
        {
            public MatchStep(MatchStepKind kind, string text)
            {
                Kind = kind;
                Text = text;
            }

            public MatchStepKind Kind { get; }
            public string Text { get; }
        }

        private static readonly char[] LineTerminators = { '\n', '\r', '\u2028', '\u2029' };

        private readonly MatchStep[] _steps;
        private readonly char _delimiter; // '\0' when the options have none
        private readonly StringComparison _comparison;
        private readonly bool _hasAny;
        private readonly bool _ignoreCase;
        private readonly int _lastAny;

        private PartListMatcher(MatchStep[] steps, char delimiter, bool ignoreCase)
        {
            _steps = steps;
            _delimiter = delimiter;
            _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            _ignoreCase = ignoreCase;
            foreach (var step in steps) _hasAny |= step.Kind == MatchStepKind.Any;
            _lastAny = Array.FindLastIndex(steps, s => s.Kind == MatchStepKind.Any);
        }

        /// <summary>A matcher for <paramref name="parts"/>, or null when the regex must decide.</summary>
        public static PartListMatcher TryCreate(IReadOnlyList<PatternPart> parts, PatternOptions options)
        {
            var steps = new List<MatchStep>();
            for (int p = 0; p < parts.Count; p++)
            {
                var part = parts[p];
                if (part.Type == PatternPartType.FixedText && part.Modifier == PatternModifier.Optional && p == parts.Count - 1 && IsAscii(part.Value))
                {
                    if (steps.Exists(s => s.Kind == MatchStepKind.Any)) return null;
                    steps.Add(new MatchStep(MatchStepKind.OptionalLiteral, part.Value));
                    continue;
                }
                if (part.Modifier != PatternModifier.None || part.Type == PatternPartType.Regexp) return null;
                if (!IsAscii(part.Value) || !IsAscii(part.Prefix) || !IsAscii(part.Suffix)) return null;
                if (part.Type == PatternPartType.FixedText)
                {
                    AddLiteral(steps, part.Value);
                    continue;
                }
                AddLiteral(steps, part.Prefix);
                steps.Add(new MatchStep(part.Type == PatternPartType.SegmentWildcard ? MatchStepKind.Segment : MatchStepKind.Any, null));
                AddLiteral(steps, part.Suffix);
            }
            char delimiter = options.Delimiter.Length == 0 ? '\0' : options.Delimiter[0];
            int firstAny = steps.FindIndex(s => s.Kind == MatchStepKind.Any);
            for (int i = 0; i < steps.Count; i++)
            {
                if (steps[i].Kind != MatchStepKind.Segment) continue;
                var next = i + 1 < steps.Count ? steps[i + 1] : default(MatchStep);
                bool atEnd = i + 1 == steps.Count;
                // After the first '*' only literals, found leftmost or at the end.
                if (firstAny >= 0 && i > firstAny) return null;
                if (atEnd) continue; // the rest of the input, non-empty, without the delimiter
                if (next.Kind == MatchStepKind.Any) continue; // one character that is not the delimiter, then anything
                if (next.Kind == MatchStepKind.Literal && delimiter != '\0' && next.Text[0] == delimiter) continue; // up to the next delimiter
                return null;
            }
            return new PartListMatcher(steps.ToArray(), delimiter, options.IgnoreCase);
        }

        private static void AddLiteral(List<MatchStep> steps, string text)
        {
            if (text.Length == 0) return;
            if (steps.Count > 0 && steps[steps.Count - 1].Kind == MatchStepKind.Literal)
                steps[steps.Count - 1] = new MatchStep(MatchStepKind.Literal, steps[steps.Count - 1].Text + text);
            else
                steps.Add(new MatchStep(MatchStepKind.Literal, text));
        }

        private static bool IsAscii(string s)
        {
            foreach (char c in s) if (c >= 0x80) return false;
            return true;
        }

        /// <summary>
        /// Whether <c>input[start..end)</c> matches, in <paramref name="matched"/>; false when this
        /// input is for the regex to decide (a line terminator; non-ASCII text when ignoring case).
        /// </summary>
        [MethodImpl(Tiering.Optimized)]
        public bool TryTest(string input, int start, int end, out bool matched)
        {
            matched = false;
            if (_hasAny && end > start && input.IndexOfAny(LineTerminators, start, end - start) >= 0) return false;
            if (_ignoreCase)
                for (int k = start; k < end; k++) if (input[k] >= 0x80) return false;
            matched = Test(input, start, end);
            return true;
        }

        [MethodImpl(Tiering.Optimized)]
        private bool Test(string input, int start, int end)
        {
            int pos = start;
            int i = 0;
            // The run before the first '*': anchored at the start.
            for (; i < _steps.Length && _steps[i].Kind != MatchStepKind.Any; i++)
                if (!Anchored(i, input, ref pos, end)) return false;
            if (i == _steps.Length) return pos == end;
            // Between '*'s: literals, each found leftmost (a '*' on both sides takes what lies between).
            int lastAny = _lastAny;
            for (; i < lastAny; i++)
            {
                var step = _steps[i];
                if (step.Kind == MatchStepKind.Any) continue;
                int found = input.IndexOf(step.Text, pos, end - pos, _comparison);
                if (found < 0) return false;
                pos = found + step.Text.Length;
            }
            // After the last '*': its literal (if any) ends the input.
            if (lastAny == _steps.Length - 1) return true;
            string tail = _steps[_steps.Length - 1].Text;
            return end - pos >= tail.Length && string.Compare(input, end - tail.Length, tail, 0, tail.Length, _comparison) == 0;
        }

        /// <summary>MatchStep <paramref name="i"/> of the first run, at <paramref name="pos"/>.</summary>
        [MethodImpl(Tiering.Optimized)]
        private bool Anchored(int i, string input, ref int pos, int end)
        {
            var step = _steps[i];
            if (step.Kind == MatchStepKind.OptionalLiteral)
            {
                // The last step of a list without '*': nothing more, or exactly this text.
                if (pos == end) return true;
                if (end - pos != step.Text.Length || string.Compare(input, pos, step.Text, 0, step.Text.Length, _comparison) != 0) return false;
                pos = end;
                return true;
            }
            if (step.Kind == MatchStepKind.Literal)
            {
                if (end - pos < step.Text.Length || string.Compare(input, pos, step.Text, 0, step.Text.Length, _comparison) != 0) return false;
                pos += step.Text.Length;
                return true;
            }
            bool last = i + 1 == _steps.Length;
            if (last)
            {
                // The rest of the input: at least one character, none of them the delimiter.
                if (pos >= end) return false;
                if (_delimiter != '\0' && input.IndexOf(_delimiter, pos, end - pos) >= 0) return false;
                pos = end;
                return true;
            }
            if (_steps[i + 1].Kind == MatchStepKind.Any)
            {
                if (pos >= end || (_delimiter != '\0' && input[pos] == _delimiter)) return false;
                pos++;
                return true;
            }
            // Followed by a literal that starts with the delimiter: the segment ends at the next delimiter.
            int next = input.IndexOf(_delimiter, pos, end - pos);
            if (next <= pos) return false;
            pos = next;
            return true;
        }
    }
}
