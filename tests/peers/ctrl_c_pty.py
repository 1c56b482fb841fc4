"""Runs a command in a pseudo-terminal, types Ctrl+C once its output shows a marker, and prints
everything the command wrote: how EchoNet's tests check what a cmdlet shows when a user stops it.

Usage: ctrl_c_pty.py <marker> <program> [<argument>...]

Ctrl+C is the terminal's interrupt character (0x03) written to the pty, as a keyboard would.
Exits 0 when the command ended within 30 s of Ctrl+C; 2 when the marker never appeared within
90 s; 3 when the command did not end (it is killed). Every wait is bounded.
"""
import os
import pty
import select
import signal
import sys
import time


def read_until(fd, output, done, deadline):
    while time.time() < deadline:
        if done(output):
            return True
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return done(output)
            if not chunk:
                return done(output)
            output.extend(chunk)
    return done(output)


class Child:
    """The forked command: poll() is None while it runs."""

    def __init__(self, pid):
        self.pid = pid
        self.status = None

    def poll(self):
        if self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
        return self.status


def main():
    marker = sys.argv[1].encode()
    # pty.fork makes the pty the child's controlling terminal, so 0x03 becomes SIGINT there.
    pid, master = pty.fork()
    if pid == 0:
        os.environ.update(NO_COLOR="1", TERM="dumb")
        os.execvp(sys.argv[2], sys.argv[2:])
    process = Child(pid)
    output = bytearray()
    code = 0
    if not read_until(master, output, lambda o: marker in o, time.time() + 90):
        code = 2
    else:
        os.write(master, b"\x03")
        ended = lambda o: process.poll() is not None
        read_until(master, output, ended, time.time() + 30)
        # The pty closes as the command exits; give it the rest of the 30 s to be reaped.
        deadline = time.time() + 30
        while process.poll() is None and time.time() < deadline:
            time.sleep(0.1)
        if process.poll() is None:
            code = 3
    if process.poll() is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    sys.stdout.write(output.decode("utf-8", "replace"))
    sys.exit(code)


if __name__ == "__main__":
    main()
