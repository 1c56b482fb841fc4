"""A scripted line-protocol peer for EchoNet's client tests: not EchoNet, plain Python sockets.

It listens on 127.0.0.1 (port 0: the system picks one), prints the port on the first line of
standard output, and serves each connection in a thread. On connect it greets first, as SMTP,
FTP and SSH servers do ("220 ready\n"). Then each line the client sends is a command:

  TWO            answers "one\ntwo\n" in a single send (two lines in one segment)
  SPLIT          answers "hel", pauses, then "lo\n" (one line split across segments)
  CLOSE          answers "bye\n" and closes the connection
  BIG <n>        answers <n> bytes of "x" and no newline
  anything else  answers "250 <line>\n"

It exits when its standard input closes (the test ends) or after 300 s, whichever is first.
"""
import socket
import sys
import threading
import time


def serve(conn):
    try:
        converse(conn)
    except OSError:
        pass  # the client reset or left mid-answer (tests do that on purpose): nothing to report


def converse(conn):
    with conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn.sendall(b"220 ready\n")
        pending = b""
        while True:
            data = conn.recv(65536)
            if not data:
                return
            pending += data
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                line = line.rstrip(b"\r")
                if line == b"TWO":
                    conn.sendall(b"one\ntwo\n")
                elif line == b"SPLIT":
                    conn.sendall(b"hel")
                    time.sleep(0.15)
                    conn.sendall(b"lo\n")
                elif line == b"CLOSE":
                    conn.sendall(b"bye\n")
                    conn.shutdown(socket.SHUT_RDWR)
                    return
                elif line.startswith(b"BIG "):
                    conn.sendall(b"x" * int(line[4:]))
                else:
                    conn.sendall(b"250 " + line + b"\n")


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    stdin_closed = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stdin_closed.set()), daemon=True).start()
    stdin_closed.wait(300)


if __name__ == "__main__":
    main()
