using System;
using System.Collections.Concurrent;
using System.Management.Automation.Host;
using System.Threading;
using EchoNet.Client;

namespace EchoNet.Interactive
{
    /// <summary>
    /// Reads the lines a user types on a thread of its own, so that reading never blocks the
    /// pipeline thread, which alone writes to the host. Standard input when it is redirected
    /// (a pipe, a file, a test), the host's ReadLine otherwise. End of input is a null line.
    /// The thread is a background thread: a ReadLine still waiting when the command leaves does
    /// not keep the process alive.
    /// </summary>
    internal sealed class HostInputReader : ILineSource
    {
        private readonly BlockingCollection<string> _lines = new BlockingCollection<string>();
        private readonly PSHostUserInterface _ui;

        private HostInputReader(PSHostUserInterface ui)
        {
            _ui = ui;
        }

        public static HostInputReader Start(PSHostUserInterface ui)
        {
            var reader = new HostInputReader(ui);
            new Thread(reader.Run) { IsBackground = true, Name = "EchoNet interactive input" }.Start();
            return reader;
        }

        /// <summary>Lines given up front (pipeline input), then end of input; no thread.</summary>
        public static HostInputReader FromLines(System.Collections.Generic.IEnumerable<string> lines)
        {
            var reader = new HostInputReader(null);
            foreach (var line in lines) reader._lines.Add(line ?? "");
            reader._lines.Add(null);
            return reader;
        }

        /// <summary>Takes the next line if one was typed: true with the line, or true with null at end of input.</summary>
        public bool TryTake(out string line) => _lines.TryTake(out line);

        private void Run()
        {
            try
            {
                while (true)
                {
                    string line = Console.IsInputRedirected || _ui == null ? Console.In.ReadLine() : _ui.ReadLine();
                    _lines.Add(line);
                    if (line == null) return;
                }
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.IO.IOException || e is NotImplementedException)
            {
                // No input to read (a host without a console): treat as end of input.
                _lines.Add(null);
            }
        }
    }
}
