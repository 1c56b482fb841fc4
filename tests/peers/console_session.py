"""A user's walk through Enter-TcpSession in a real pseudo-terminal, for tests/Console.Tests.ps1.

Usage: console_session.py <EchoNet.psd1> <repository folder>

Runs `dotnet pwsh -NoProfile` interactively on a pty (PSReadLine loaded, as a user has it),
imports the module and meets small Python peers (not EchoNet) in turn:

  prompt   the peer sends "login: " without a newline; the user types "ab" and Enter: the
           screen shows "login: ab", the peer reads "ab\n", says goodbye and closes.
  eof      the user types "one", Enter, then Ctrl+D on the empty line: input ends, the sending
           side is half-closed (the peer reads end of stream) and what the peer then says
           ("got 4 bytes", "bye") is shown until it closes.
  ctrlc    the user leaves with Ctrl+C while the peer stays silent; the peer reads end of stream.
  closes   the peer says "bye" and closes at once.

After each way of leaving, a command typed at the prompt must run intact; at the end Ctrl+C must
interrupt a Start-Sleep. Each check prints one line "CHECK <name> PASS|FAIL <detail>"; the walk
stops at the first failure. Every wait is bounded; the whole run ends within 240 s.
"""
import os
import signal
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pty_terminal import Terminal  # noqa: E402

WAIT = 20  # seconds for any one thing to appear on the screen


class Peer:
    """A one-connection TCP peer on 127.0.0.1:0 running `script(conn, peer)` in a thread."""

    def __init__(self, script):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.listener.settimeout(WAIT * 2)
        self.port = self.listener.getsockname()[1]
        self.received = b""
        self.saw_eof = False
        self.error = None
        self.thread = threading.Thread(target=self._run, args=(script,), daemon=True)
        self.thread.start()

    def _run(self, script):
        try:
            conn, _ = self.listener.accept()
            conn.settimeout(WAIT * 2)
            with conn:
                script(conn, self)
        except Exception as e:  # reported by the check that needs the peer
            self.error = repr(e)
        finally:
            self.listener.close()

    def read_line(self, conn):
        while b"\n" not in self.received:
            data = conn.recv(4096)
            if not data:
                self.saw_eof = True
                return None
            self.received += data
        return self.received

    def read_to_eof(self, conn):
        while True:
            data = conn.recv(4096)
            if not data:
                self.saw_eof = True
                return
            self.received += data


def login_peer(conn, peer):
    conn.sendall(b"login: ")
    peer.read_line(conn)
    conn.sendall(b"welcome\n")


def eof_peer(conn, peer):
    conn.sendall(b"220 hi\n")
    peer.read_to_eof(conn)
    conn.sendall(b"got %d bytes\n" % len(peer.received))
    time.sleep(0.3)
    conn.sendall(b"bye\n")


def silent_peer(conn, peer):
    conn.sendall(b"quiet peer\n")
    peer.read_to_eof(conn)


def closing_peer(conn, peer):
    conn.sendall(b"bye now\n")


class Walk:
    def __init__(self, term):
        self.term = term
        self.failed = False

    def check(self, name, ok, detail=""):
        print("CHECK %s %s %s" % (name, "PASS" if ok else "FAIL", "" if ok else detail.replace("\n", "\\n")[-900:]), flush=True)
        if not ok:
            self.failed = True
        return ok

    def lines(self):
        return [l.rstrip() for l in self.term.screen.text().split("\n")]

    def line_appears(self, line, seconds=WAIT):
        return self.term.wait_for(lambda s: line in [l.rstrip() for l in s.split("\n")], seconds)

    def screen_has(self, text, seconds=WAIT):
        return self.term.wait_for(lambda s: text in s, seconds)

    def intact(self, name):
        """A command typed at the prompt runs as typed: its output line appears, whole."""
        word = "intact-" + name
        self.term.type("'intact' + '-' + '%s' + ''\r" % name)
        return self.check("intact-after-" + name, self.line_appears(word), self.tail())

    def tail(self):
        return "\n".join(l for l in self.lines() if l)[-1200:]

    def meet(self, script, check, shown):
        """Starts a peer, enters a session with it and checks that `shown(self)` holds; the peer, or None."""
        peer = Peer(script)
        self.term.type("Enter-TcpSession 127.0.0.1 %d\r" % peer.port)
        return peer if self.check(check, shown(self), self.tail()) else None

    def left_intact(self, name):
        """No check failed so far, and a command typed now runs intact."""
        return not self.failed and self.intact(name)


def main():
    manifest, repo = sys.argv[1], sys.argv[2]
    signal.alarm(240)
    env = {"NO_COLOR": "1", "TERM": "xterm", "POWERSHELL_TELEMETRY_OPTOUT": "1", "POWERSHELL_UPDATECHECK": "Off"}
    term = Terminal(["dotnet", "pwsh", "-NoProfile"], env, cwd=repo)
    walk = Walk(term)
    try:
        ready = walk.screen_has("PS ", 90)
        term.type("(Get-Module PSReadLine).Name + '-' + 'loaded'\r")
        if not walk.check("psreadline", ready and walk.line_appears("PSReadLine-loaded"), walk.tail()):
            return 1
        term.type("Import-Module '%s'; 'imp' + 'orted'\r" % manifest)
        if not walk.check("import", walk.line_appears("imported", 60), walk.tail()):
            return 1

        # A prompt without a newline: typing appears after it.
        peer = walk.meet(login_peer, "prompt-shown", lambda w: w.screen_has("login:"))
        if not peer:
            return 1
        term.type("ab")
        term.pump(0.5)
        walk.check("prompt-typing-after", any(l.endswith("login: ab") for l in walk.lines()), walk.tail())
        term.type("\r")
        left = walk.screen_has("closed the connection")
        walk.check("prompt-peer-read", left and peer.received == b"ab\n", repr(peer.received) + " " + walk.tail())
        if not walk.left_intact("prompt"):
            return 1

        # Ctrl+D on an empty line: end of input, half-close, the peer's last words shown.
        peer = walk.meet(eof_peer, "eof-greeting", lambda w: w.screen_has("220 hi"))
        if not peer:
            return 1
        term.type("one\r")
        term.pump(0.5)
        term.type("\x04")
        shown = walk.line_appears("got 4 bytes") and walk.line_appears("bye") and walk.screen_has("closed the connection")
        walk.check("eof-half-close", shown and peer.saw_eof and peer.received == b"one\n",
                   repr(peer.received) + " " + walk.tail())
        if not walk.left_intact("eof"):
            return 1

        # Ctrl+C leaves; the connection is closed.
        peer = walk.meet(silent_peer, "ctrlc-greeting", lambda w: w.line_appears("quiet peer"))
        if not peer:
            return 1
        term.pump(0.3)
        term.type("\x03")
        peer.thread.join(WAIT)
        walk.check("ctrlc-closes", peer.saw_eof, walk.tail())
        if not walk.left_intact("ctrlc"):
            return 1

        # The peer closes at once (the reported break).
        shown = lambda w: w.line_appears("bye now") and w.screen_has("closed the connection")
        if not walk.meet(closing_peer, "closes-shown", shown) or not walk.left_intact("closes"):
            return 1

        # Ctrl+C still interrupts a command.
        term.type("Start-Sleep 30; 'sl' + 'ept'\r")
        term.pump(1.5)
        term.type("\x03")
        term.pump(0.5)
        term.type("'after' + '-' + 'ctrlc'\r")
        walk.check("ctrlc-interrupts-sleep", walk.line_appears("after-ctrlc", 12) and "slept" not in walk.lines(), walk.tail())
        return 1 if walk.failed else 0
    finally:
        term.close()


if __name__ == "__main__":
    sys.exit(main())
