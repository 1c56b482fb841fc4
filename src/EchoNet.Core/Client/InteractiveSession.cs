using System.Diagnostics;
using System.Text;
using System.Threading;
using EchoNet.Errors;
using EchoNet.Text;
using EchoNet.Timing;

namespace EchoNet.Client
{
    /// <summary>
    /// The interactive mode over a session, as "nc host port": each line taken from the input goes
    /// to the peer with the chosen line ending; what arrives is shown as it arrives, control
    /// characters escaped. Cancellation, end of input (once the peer has then been quiet for the
    /// default quiet time) or the peer closing ends it. PowerShell-free: the cmdlet gives the input
    /// and the terminal.
    /// </summary>
    public sealed class InteractiveSession
    {
        /// <summary>How long one wait for network bytes lasts before typed lines and cancellation are looked at again.</summary>
        public const int PollMs = 50;

        private readonly TcpSession _session;
        private readonly string _lineEndingName;
        private readonly string _lineEnding;
        private readonly Encoding _encoding;
        private readonly int _timeoutMs;
        private readonly bool _closeOnLeave;

        /// <summary>
        /// <paramref name="lineEnding"/> is LF, CRLF or CR (any case); the encoding defaults to the
        /// session's; <paramref name="closeOnLeave"/> closes the session on leaving (one opened for this, or -Disconnect).
        /// </summary>
        public InteractiveSession(TcpSession session, string lineEnding, Encoding encoding, int timeoutMs, bool closeOnLeave)
        {
            _session = session;
            _lineEndingName = lineEnding.ToUpperInvariant();
            _lineEnding = _lineEndingName == "CRLF" ? "\r\n" : _lineEndingName == "CR" ? "\r" : "\n";
            _encoding = encoding ?? session.Encoding ?? TextEncodings.Default;
            _timeoutMs = timeoutMs;
            _closeOnLeave = closeOnLeave;
        }

        /// <summary>Runs until the session ends; returns a failure (named for the session's target) or null.</summary>
        public NetException Run(ILineSource input, ISessionTerminal terminal, CancellationToken cancel)
        {
            var session = _session;
            var display = new StreamDisplayText(_encoding);
            bool canceled = false, inputEnded = false;
            NetException failure = null;
            terminal.Say($"Connected to {session.Target} (session {session.Id}). Lines go out ending in {_lineEndingName}; " +
                (_closeOnLeave ? "Ctrl+C or end of input leaves and closes." : "Ctrl+C or end of input leaves; the session stays open."));
            try
            {
                long quietSince = 0;
                while (true)
                {
                    if (cancel.IsCancellationRequested) { canceled = true; break; }
                    while (!inputEnded && input.TryTake(out var line))
                    {
                        if (line == null) { inputEnded = true; quietSince = Stopwatch.GetTimestamp(); break; }
                        session.Exchange(_encoding.GetBytes(line + _lineEnding), NoReply, _timeoutMs, cancel);
                    }
                    // State before the read: what the look at State buffers, this read then takes.
                    bool peerClosed = session.State == TcpSessionState.Closed;
                    var bytes = session.ReceiveAvailable(peerClosed ? 0 : PollMs);
                    if (bytes.Length > 0 && inputEnded) quietSince = Stopwatch.GetTimestamp();
                    if (bytes.Length > 0 || peerClosed) terminal.Write(display.Next(bytes, flush: peerClosed));
                    if (peerClosed)
                    {
                        terminal.Say($"{session.Target} closed the connection.");
                        break;
                    }
                    // After end of input, what the peer still says is shown until it has been quiet a while (as a reply's default rule ends).
                    if (inputEnded && Waits.ElapsedMs(quietSince) >= ReplyRule.DefaultQuietMs)
                    {
                        terminal.Say("End of input.");
                        break;
                    }
                }
            }
            catch (NetException e) when (e.Kind == NetErrorKind.Canceled)
            {
                canceled = true;
            }
            catch (NetException e)
            {
                failure = e.Naming(session.Target);
            }
            finally
            {
                if (_closeOnLeave)
                {
                    var leftover = session.Close();
                    if (leftover != null && !canceled) terminal.Write(display.Next(leftover.ReplyBytes, flush: true));
                }
                else if (session.State == TcpSessionState.Open)
                {
                    terminal.Say($"Session {session.Id} ({session.Target}) stays open: Disconnect-TcpSession -Id {session.Id} closes it.");
                }
            }
            return failure;
        }

        private static readonly ReplyRule NoReply = ReplyRule.ForNoReply();
    }
}
