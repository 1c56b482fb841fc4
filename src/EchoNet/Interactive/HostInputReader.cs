using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation.Host;
using System.Threading;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>
    /// Lines for an interactive session when no console keyboard is read (see
    /// <see cref="ConsoleLineEditor"/> for that): pipeline input given up front, redirected
    /// standard input, or a host without a console (its ReadLine). A blocking read cannot be
    /// taken back, so standard input is read by one process-wide background thread whose lines
    /// wait for the next session; only a host's ReadLine gets a thread of its own.
    /// </summary>
    internal sealed class HostInputReader : ILineSource
    {
        private static readonly object StandardInputStart = new object();
        private static BlockingCollection<string> _standardInput;
        private static volatile bool _standardInputEnded;

        private readonly BlockingCollection<string> _lines;
        private bool _ended;

        private HostInputReader(BlockingCollection<string> lines)
        {
            _lines = lines;
        }

        /// <summary>Lines given up front (pipeline input), then end of input; no thread.</summary>
        public static HostInputReader FromLines(IEnumerable<string> lines)
        {
            var queue = new BlockingCollection<string>();
            foreach (var line in lines) queue.Add(line ?? "");
            queue.Add(null);
            return new HostInputReader(queue);
        }

        /// <summary>Redirected standard input, or the host's ReadLine when the console is not there to read.</summary>
        public static HostInputReader Start(PSHostUserInterface ui)
        {
            if (IsInputRedirected()) return new HostInputReader(StandardInput());
            var queue = new BlockingCollection<string>();
            new Thread(() => Pump(queue, ui.ReadLine)) { IsBackground = true, Name = "EchoNet host input" }.Start();
            return new HostInputReader(queue);
        }

        public string EndOfInputKey => null;

        /// <summary>Takes the next line if one was read: true with the line, or true with null at end of input.</summary>
        public bool TryTake(out string line)
        {
            line = null;
            if (_ended || (_lines == _standardInput && _standardInputEnded && _lines.Count == 0)) return true;
            if (!_lines.TryTake(out line)) return false;
            _ended = line == null;
            return true;
        }

        private static BlockingCollection<string> StandardInput()
        {
            lock (StandardInputStart)
            {
                if (_standardInput != null) return _standardInput;
                _standardInput = new BlockingCollection<string>();
                var queue = _standardInput;
                new Thread(() => { Pump(queue, Console.In.ReadLine); _standardInputEnded = true; })
                    { IsBackground = true, Name = "EchoNet standard input" }.Start();
                return queue;
            }
        }

        private static void Pump(BlockingCollection<string> into, Func<string> readLine)
        {
            try
            {
                while (true)
                {
                    string line = readLine();
                    if (line == null) break;
                    into.Add(line);
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException || e is NotImplementedException)
            {
                // No input to read (a host without a console): end of input.
            }
            into.Add(null);
        }

        private static bool IsInputRedirected()
        {
            try { return Console.IsInputRedirected; }
            catch (System.IO.IOException) { return false; }
        }
    }
}
