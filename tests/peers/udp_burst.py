"""Two UDP peers (not EchoNet) that each send bounded bursts of datagrams to an echo server without
waiting, then read the replies: every datagram must come back once, byte for byte, and each
peer's replies in the order it sent them. Prints one JSON line with the counts.
Usage: udp_burst.py PORT COUNT (COUNT datagrams per peer)."""
import json, select, socket, sys, time

port, count = int(sys.argv[1]), int(sys.argv[2])
sizes = [64, 64, 64, 64, 100, 1200, 1201, 3000, 64, 64]

def payload(peer, i):
    size = sizes[i % len(sizes)]
    head = b'%d:%d:' % (peer, i)
    return (head + bytes((peer * 31 + i * 7 + k) % 256 for k in range(size)))[:size] if size >= len(head) else head

peers = []
for p in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.connect(('127.0.0.1', port))
    s.setblocking(False)
    peers.append(s)

# Bursts, one peer's run after the other's: the server's batches hold runs of one peer's datagrams
# (which the epoll engine may send back as one segmented message) and both peers', of mixed sizes. A burst is
# bounded (BURST per peer, then its replies are awaited) so that the server's default receive
# buffer holds it even when the machine is busy and the server runs late: UDP may drop what
# overflows a socket buffer, and this test is about batching, not about the kernel's drops.
BURST = 25
received = [[] for _ in peers]

def drain(until, deadline):
    while time.time() < deadline and sum(len(r) for r in received) < until:
        ready, _, _ = select.select(peers, [], [], 0.5)
        for s in ready:
            p = peers.index(s)
            while True:
                try:
                    received[p].append(s.recv(65536))
                except BlockingIOError:
                    break

deadline = time.time() + 20
for start in range(0, count, BURST):
    for p, s in enumerate(peers):
        for i in range(start, min(start + BURST, count)):
            s.send(payload(p, i))
    drain(2 * min(start + BURST, count), deadline)

result = {'sent': 2 * count, 'received': sum(len(r) for r in received), 'wrong': 0, 'outOfOrder': 0}
for p, replies in enumerate(received):
    expected = [payload(p, i) for i in range(count)]
    index = {e: i for i, e in enumerate(expected)}
    last = -1
    for r in replies:
        i = index.get(r)
        if i is None:
            result['wrong'] += 1
            continue
        if i <= last:
            result['outOfOrder'] += 1
        last = i
print(json.dumps(result))
