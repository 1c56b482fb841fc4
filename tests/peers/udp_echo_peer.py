"""A UDP echo service that is not EchoNet, for the loop tests: plain Python sockets.

  udp_echo_peer.py PORT     binds 127.0.0.1:0, prints its port on the first line of standard
                            output, sends one datagram "loop" from that socket to 127.0.0.1:PORT
                            (an echo server, which answers it: the two start a ping-pong), and
                            then echoes every datagram back to its sender.

It stops echoing after 20 s, or when its standard input closes, and then prints the number of
datagrams it echoed. It never sends more than 1,000,000, whatever happens.
"""
import select
import socket
import sys
import time

target = int(sys.argv[1])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
print(sock.getsockname()[1], flush=True)
sock.sendto(b"loop", ("127.0.0.1", target))
echoed = 0
deadline = time.monotonic() + 20
while time.monotonic() < deadline and echoed < 1_000_000:
    ready, _, _ = select.select([sock, sys.stdin], [], [], 0.5)
    if sys.stdin in ready and not sys.stdin.buffer.read1(4096):
        break
    if sock in ready:
        data, sender = sock.recvfrom(65536)
        sock.sendto(data, sender)
        echoed += 1
print(echoed, flush=True)
