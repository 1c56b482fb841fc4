"""A TCP echo peer with injected latency, for EchoNet's diagnostics tests: not EchoNet, plain Python sockets.

Usage: slow_echo_peer.py <delay_ms> [<port> [<open_after_ms> [<corrupt_at>]]]

It waits <open_after_ms> (default 0) before it listens, so a test can watch a port open late;
then it listens on 127.0.0.1:<port> (0, the default: the system picks one), prints the port on
the first line of standard output, and serves each connection in a thread: every chunk received
is echoed back unchanged after <delay_ms> milliseconds. It exits when its standard input closes
(the test ends) or after 120 s, whichever is first. With <corrupt_at> (a byte offset, -1 for
none) it flips the bits of that byte of each connection's echo: a broken echo server.
"""
import socket
import sys
import threading
import time


def serve(conn, delay, corrupt_at):
    with conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        offset = 0
        while True:
            data = conn.recv(65536)
            if not data:
                return
            if offset <= corrupt_at < offset + len(data):
                data = bytearray(data)
                data[corrupt_at - offset] ^= 0xFF
            offset += len(data)
            if delay:
                time.sleep(delay)
            conn.sendall(data)


def main():
    delay = int(sys.argv[1]) / 1000.0
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    open_after = int(sys.argv[3]) / 1000.0 if len(sys.argv) > 3 else 0.0
    corrupt_at = int(sys.argv[4]) if len(sys.argv) > 4 else -1
    threading.Thread(target=lambda: (sys.stdin.read(), os_exit()), daemon=True).start()
    threading.Timer(120, os_exit).start()
    time.sleep(open_after)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, delay, corrupt_at), daemon=True).start()


def os_exit():
    import os
    os._exit(0)


if __name__ == "__main__":
    main()
