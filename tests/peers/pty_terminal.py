"""A pseudo-terminal for EchoNet's console tests: runs a program (pwsh) on a pty and keeps a
small screen model of what it draws, so tests see what a user would see.

Not a full terminal: it understands what pwsh, PSReadLine and .NET's console write (printable
text, CR, LF, BS, TAB, cursor moves, erase line/display, SGR ignored, OSC ignored) and answers
the cursor position query (ESC [ 6 n) the way a terminal does, which .NET and PSReadLine need.
Every wait is bounded by a deadline; nothing here blocks without one.
"""
import os
import pty
import re
import select
import signal
import time

CSI = re.compile(rb"\x1b\[([?>=]?)([0-9;]*)([ -/]*)([@-~])")


class Screen:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.history = []
        self.lines = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.saved = (0, 0)

    def _newline(self):
        if self.row == self.rows - 1:
            self.history.append("".join(self.lines.pop(0)).rstrip())
            self.lines.append([" "] * self.cols)
        else:
            self.row += 1

    def put(self, ch):
        if self.col >= self.cols:
            self.col = 0
            self._newline()
        self.lines[self.row][self.col] = ch
        self.col += 1

    def csi(self, private, params, final):
        nums = [int(p) if p else 0 for p in params.split(";")] if params else []
        first = nums[0] if nums else 0
        n = max(1, first)
        if private:
            return
        if final in "Hf":
            r = (nums[0] if len(nums) > 0 and nums[0] else 1) - 1
            c = (nums[1] if len(nums) > 1 and nums[1] else 1) - 1
            self.row, self.col = min(r, self.rows - 1), min(c, self.cols - 1)
        elif final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.col = min(self.cols - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "G":
            self.col = min(self.cols - 1, n - 1)
        elif final == "d":
            self.row = min(self.rows - 1, n - 1)
        elif final == "K":
            line = self.lines[self.row]
            span = range(self.col, self.cols) if first == 0 else range(0, self.col + 1) if first == 1 else range(self.cols)
            for i in span:
                line[i] = " "
        elif final == "J":
            if first == 0:
                self.csi("", "0", "K")
                for r in range(self.row + 1, self.rows):
                    self.lines[r] = [" "] * self.cols
            elif first in (2, 3):
                self.lines = [[" "] * self.cols for _ in range(self.rows)]

    def text(self):
        return "\n".join(self.history + ["".join(l).rstrip() for l in self.lines])


class Terminal:
    """A program on a pty; feed() keeps the screen, answers cursor queries, and records the raw bytes."""

    def __init__(self, argv, env, cwd=None, rows=40, cols=120):
        self.screen = Screen(rows, cols)
        self.raw = bytearray()
        self._pending = b""
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(env)
            if cwd:
                os.chdir(cwd)
            os.environ["LINES"], os.environ["COLUMNS"] = str(rows), str(cols)
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        import fcntl, struct, termios
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _answer(self, data):
        os.write(self.fd, data)

    def feed(self, data):
        self.raw += data
        data = self._pending + data
        self._pending = b""
        s = self.screen
        i = 0
        while i < len(data):
            b = data[i]
            if b == 0x1B:
                m = CSI.match(data, i)
                if m:
                    private, params, final = m.group(1).decode(), m.group(2).decode(), m.group(4).decode()
                    if final == "n" and params == "6" and not private:
                        self._answer(b"\x1b[%d;%dR" % (s.row + 1, s.col + 1))
                    else:
                        s.csi(private, params, final)
                    i = m.end()
                    continue
                if re.fullmatch(rb"\x1b(\[[?>=]?[0-9;]*[ -/]*)?", data[i:]):  # a sequence cut by the read
                    self._pending = data[i:]
                    return
                nxt = data[i + 1]
                if nxt == ord("]"):  # OSC: up to BEL or ST
                    end = data.find(b"\x07", i)
                    st = data.find(b"\x1b\\", i)
                    ends = [e for e in (end, st) if e >= 0]
                    if not ends:
                        self._pending = data[i:]
                        return
                    e = min(ends)
                    i = e + (1 if e == end else 2)
                    continue
                if nxt in b"()":
                    i += 3
                    continue
                if nxt == ord("7"):
                    s.saved = (s.row, s.col)
                elif nxt == ord("8"):
                    s.row, s.col = s.saved
                i += 2
                continue
            if b == 0x0D:
                s.col = 0
            elif b == 0x0A:
                s._newline()
            elif b == 0x08:
                s.col = max(0, s.col - 1)
            elif b == 0x09:
                s.col = min(s.cols - 1, (s.col // 8 + 1) * 8)
            elif b < 0x20 or b == 0x7F:
                pass
            else:
                # UTF-8: take the whole character.
                n = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                if i + n > len(data):
                    self._pending = data[i:]
                    return
                s.put(data[i:i + n].decode("utf-8", "replace"))
                i += n
                continue
            i += 1

    def pump(self, seconds):
        """Reads what the program writes for up to `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            r, _, _ = select.select([self.fd], [], [], min(left, 0.1))
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.feed(data)

    def wait_for(self, condition, seconds):
        """Pumps until condition(screen text) holds; False after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition(self.screen.text()):
                return True
            self.pump(min(0.2, max(0.0, deadline - time.monotonic())))
        return condition(self.screen.text())

    def type(self, text, delay=0.01):
        for ch in text.encode():
            os.write(self.fd, bytes([ch]))
            time.sleep(delay)

    def close(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)  # the pty's session: dotnet and the pwsh it starts
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)
