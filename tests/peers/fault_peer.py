"""A client (and an upstream echo server) that is not EchoNet, for the tests of EchoNet's faults
(tests/FaultInjection.Tests.ps1) and relay (tests/Forward.Tests.ps1). Each mode measures one thing
on loopback and prints one JSON line; every socket has a timeout, so a mode always ends.

  latency PORT N          N round trips of 16 bytes: their times in ms
  bandwidth PORT BYTES    sends BYTES while reading them back: seconds from first send to last byte
  until_end PORT BYTES    sends BYTES, reads until the server ends: bytes read, 'reset' or 'eof'
  slices PORT BYTES       TCP_NODELAY; sends BYTES, then the size of every recv() until all came back
                          and the ms from the first to the last
  udp PORT COUNT          COUNT numbered datagrams in batches: the numbers never answered
  bulk PORT MIB           relays: sends MIB MiB of random bytes while reading; byte-exact, seconds
  echo_upstream           an upstream echo server: prints its port, serves until stdin closes
"""
import json, os, socket, sys, threading, time


def connect(port, timeout=10):
    s = socket.create_connection(('127.0.0.1', port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def latency(port, n):
    s = connect(port)
    times = []
    for i in range(n):
        msg = b'%016d' % i
        t = time.perf_counter()
        s.sendall(msg)
        got = b''
        while len(got) < len(msg):
            d = s.recv(64)
            if not d:
                raise SystemExit('closed')
            got += d
        times.append((time.perf_counter() - t) * 1000)
        if got != msg:
            raise SystemExit('wrong echo')
    return {'ms': times}


def bandwidth(port, count):
    s = connect(port)
    data = os.urandom(count)
    got = bytearray()
    t = time.perf_counter()
    sender = threading.Thread(target=s.sendall, args=(data,))
    sender.start()
    while len(got) < count:
        d = s.recv(65536)
        if not d:
            break
        got.extend(d)
    sender.join(10)
    return {'seconds': time.perf_counter() - t, 'exact': bytes(got) == data}


def until_end(port, count):
    s = connect(port)
    s.sendall(b'x' * count)
    got, end = 0, 'timeout'
    try:
        while True:
            d = s.recv(65536)
            if not d:
                end = 'eof'
                break
            got += len(d)
    except ConnectionResetError:
        end = 'reset'
    except socket.timeout:
        end = 'timeout'
    return {'bytes': got, 'end': end}


def slices(port, count):
    s = connect(port)
    s.sendall(b'y' * count)
    sizes, first, last = [], None, None
    while sum(sizes) < count:
        d = s.recv(65536)
        if not d:
            break
        last = time.perf_counter()
        first = first or last
        sizes.append(len(d))
    return {'sizes': sizes, 'span_ms': ((last or 0) - (first or 0)) * 1000}


def udp(port, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(('127.0.0.1', port))
    answered = set()
    batch = 200
    for start in range(0, count, batch):
        for i in range(start, min(count, start + batch)):
            s.send(b'%08d' % i)
        s.settimeout(0.25)
        try:
            while True:
                d = s.recv(64)
                answered.add(int(d))
                s.settimeout(0.06)  # the batch's replies come together; a short quiet ends it
        except socket.timeout:
            pass
    return {'missing': [i for i in range(count) if i not in answered]}


def bulk(port, mib):
    s = connect(port, timeout=30)  # a stall fails; a busy machine's slow minute does not
    data = os.urandom(mib * 1024 * 1024)
    got = bytearray()
    t = time.perf_counter()
    sender = threading.Thread(target=s.sendall, args=(data,))
    sender.start()
    while len(got) < len(data):
        d = s.recv(1 << 20)
        if not d:
            break
        got.extend(d)
    sender.join(30)
    return {'exact': bytes(got) == data, 'bytes': len(got), 'seconds': time.perf_counter() - t}


def echo_upstream():
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)

    def serve(c):
        with c:
            while True:
                d = c.recv(1 << 20)
                if not d:
                    return
                c.sendall(d)

    def accept():
        while True:
            c, _ = listener.accept()
            threading.Thread(target=serve, args=(c,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()  # ends when the test closes stdin (or dies)
    return None


if __name__ == '__main__':
    mode = sys.argv[1]
    args = [int(a) for a in sys.argv[2:]]
    result = globals()[mode](*args)
    if result is not None:
        print(json.dumps(result))
