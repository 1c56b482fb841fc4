"""A one-connection file peer for EchoNet's file tests: not EchoNet, plain Python sockets.

Usage: file_peer.py sink|echo

Listens on 127.0.0.1 (port 0), prints the port on the first line, takes one connection and
  sink  reads until end of stream, then prints "<byte count> <sha256 hex>";
  echo  sends back every byte it reads until end of stream, then closes.
Every socket wait is bounded (60 s); it exits after the one connection.
"""
import hashlib
import socket
import sys


def main():
    mode = sys.argv[1]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(60)
    print(listener.getsockname()[1], flush=True)
    conn, _ = listener.accept()
    conn.settimeout(60)
    digest, count = hashlib.sha256(), 0
    with conn:
        while True:
            data = conn.recv(1 << 20)
            if not data:
                break
            count += len(data)
            if mode == "echo":
                conn.sendall(data)
            else:
                digest.update(data)
    if mode == "sink":
        print(count, digest.hexdigest(), flush=True)


if __name__ == "__main__":
    try:
        main()
    except (socket.timeout, ConnectionError) as e:
        print("file_peer:", type(e).__name__, e, flush=True)
        sys.exit(1)
