using System.Diagnostics;
using System.IO;
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
    /// characters escaped. Cancellation or the peer closing ends it. End of input ends the sending
    /// side (a TCP FIN, as "nc -N"; a session that stays open is not half-closed) and what the
    /// peer still sends is shown until it closes; piped input (and a session that cannot be
    /// half-closed) also leaves once the peer has been quiet for the default quiet time.
    /// PowerShell-free: the cmdlet gives the input and the terminal.
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
        private readonly Stream _receivedTo;

        /// <summary>
        /// <paramref name="lineEnding"/> is LF, CRLF or CR (any case); the encoding defaults to the
        /// session's; <paramref name="closeOnLeave"/> closes the session on leaving (one opened for this, or -Disconnect);
        /// with <paramref name="receivedTo"/>, the bytes that arrive are written there as they are (as "nc > file"), not shown.
        /// </summary>
        public InteractiveSession(TcpSession session, string lineEnding, Encoding encoding, int timeoutMs, bool closeOnLeave, Stream receivedTo = null)
        {
            _receivedTo = receivedTo;
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
            terminal.Say(Banner(input.EndOfInputKey));
            bool waitForClose = false;
            try
            {
                long quietSince = 0;
                while (true)
                {
                    if (cancel.IsCancellationRequested) { canceled = true; break; }
                    while (!inputEnded && input.TryTake(out var line))
                    {
                        if (line == null)
                        {
                            inputEnded = true;
                            quietSince = Stopwatch.GetTimestamp();
                            waitForClose = EndInput(input.EndOfInputKey != null, terminal);
                            break;
                        }
                        session.Exchange(_encoding.GetBytes(line + _lineEnding), NoReply, _timeoutMs, cancel);
                    }
                    // State before the read: what the look at State buffers, this read then takes.
                    bool peerClosed = session.State == TcpSessionState.Closed;
                    var bytes = session.ReceiveAvailable(peerClosed ? 0 : PollMs);
                    if (bytes.Length > 0 && inputEnded) quietSince = Stopwatch.GetTimestamp();
                    if (bytes.Length > 0 || peerClosed) Deliver(bytes, peerClosed, display, terminal);
                    if (peerClosed)
                    {
                        terminal.Say($"{session.Target} closed the connection.");
                        break;
                    }
                    // After end of input, what the peer still says is shown until it has been quiet a while (as a reply's default rule ends).
                    if (inputEnded && !waitForClose && Waits.ElapsedMs(quietSince) >= ReplyRule.DefaultQuietMs)
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
                    if (leftover != null && (!canceled || _receivedTo != null)) Deliver(leftover.ReplyBytes, true, display, terminal);
                }
                else if (session.State == TcpSessionState.Open)
                {
                    terminal.Say($"Session {session.Id} ({session.Target}) stays open: Disconnect-TcpSession -Id {session.Id} closes it.");
                }
            }
            return failure;
        }

        /// <summary>Bytes that arrived: to the file when there is one (every byte, also on Ctrl+C), else shown.</summary>
        private void Deliver(byte[] bytes, bool last, StreamDisplayText display, ISessionTerminal terminal)
        {
            if (_receivedTo != null) _receivedTo.Write(bytes, 0, bytes.Length);
            else terminal.Write(display.Next(bytes, flush: last));
        }

        private string Banner(string endOfInputKey)
        {
            string ending = _closeOnLeave
                ? (endOfInputKey != null ? $"{endOfInputKey} ends input (the peer reads end of stream), Ctrl+C leaves and closes." : "Ctrl+C leaves and closes.")
                : (endOfInputKey != null ? $"Ctrl+C or {endOfInputKey} leaves; the session stays open." : "Ctrl+C or end of input leaves; the session stays open.");
            return $"Connected to {_session.Target} (session {_session.Id}). Lines go out ending in {_lineEndingName}; {ending}";
        }

        /// <summary>
        /// End of input: the sending side of a session closed on leaving is ended, as "nc -N" does.
        /// True when the session is then to wait for the peer's close (a person typed, who can press
        /// Ctrl+C); false when it leaves after the quiet time.
        /// </summary>
        private bool EndInput(bool typed, ISessionTerminal terminal)
        {
            if (!_closeOnLeave || _session.State != TcpSessionState.Open) return false;
            bool halfClosed = _session.ShutdownSend();
            if (halfClosed && typed)
                terminal.Say($"End of input: {_session.Target} reads end of stream; what it still sends is shown until it closes (Ctrl+C leaves).");
            return halfClosed && typed;
        }

        private static readonly ReplyRule NoReply = ReplyRule.ForNoReply();
    }
}
