# A TCP peer that is not EchoNet, for tests of a send the peer resets: it listens on a loopback
# port it prints, accepts one client, reads the number of bytes given as its argument (default
# 65536), then resets the connection (SO_LINGER 0 and close) while the client may still write.
# Bounded: gives up after 30 s without a client, 10 s without data.
import socket
import struct
import sys

want = int(sys.argv[1]) if len(sys.argv) > 1 else 65536
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
listener.settimeout(30)
print(listener.getsockname()[1], flush=True)
client, _ = listener.accept()
client.settimeout(10)
got = 0
while got < want:
    data = client.recv(want - got)
    if not data:
        break
    got += len(data)
client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
client.close()
listener.close()
