#!/usr/bin/env python3
"""Abusive clients for Benchmarks/soak.sh: each kind of attack from issue #13, run against a Parley
server on 127.0.0.1 until the time is up, each from source addresses of its own (127.0.X.Y), so that
the server's per-address limits apply to them and not to the honest clients on 127.0.0.1.

Prints one line per kind with what the server did to it. Use only against your own server."""
import argparse, json, os, socket, struct, threading, time

def ws_frame(payload: bytes, opcode: int = 1) -> bytes:
    """A masked client frame; built once and sent many times, so that the abusers spend their CPU
    on sending rather than masking."""
    mask = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))

def connect(port: int, source: str, timeout: float = 10) -> socket.socket:
    s = socket.socket()
    s.settimeout(timeout)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s

def upgrade(s: socket.socket) -> bool:
    s.sendall(b"GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
              b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(1)
        if not chunk:
            return False
        head += chunk
    return head.startswith(b"HTTP/1.1 101")

class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
    def add(self, kind: str, what: str, n: int = 1):
        with self.lock:
            self.counts.setdefault(kind, {}).setdefault(what, 0)
            self.counts[kind][what] += n

def never_reader(port, source, size, rate, until, tally, kind):
    """Goes to echo and sends `size`-byte messages `rate` times a second, never reading."""
    frame = ws_frame(json.dumps({"text": "N" * size}).encode())
    # Small frames go 100 to a send: the socket, not Python, is the limit.
    batch = 1 if size > 1000 else 100
    frame *= batch
    while time.time() < until:
        try:
            s = connect(port, source)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            if not upgrade(s):
                tally.add(kind, "upgrade refused"); time.sleep(1); continue
            s.sendall(ws_frame(b'{"text": "hello"}') + ws_frame(b'{"text": "echo"}'))
            tally.add(kind, "connections")
            while time.time() < until:
                s.sendall(frame)
                tally.add(kind, "messages sent", batch)
                if rate:
                    time.sleep(1 / rate)
            s.close()
        except (OSError, socket.timeout) as error:
            tally.add(kind, "closed by server" if not isinstance(error, socket.timeout) else "send stalled (not read)")

def idle_flood(port, sources, count, until, tally, kind):
    """Holds `count` connections that send nothing, opening new ones as the server closes them."""
    held = []
    while time.time() < until:
        while len(held) < count and time.time() < until:
            try:
                held.append(connect(port, sources[len(held) % len(sources)], timeout=2))
                tally.add(kind, "opened")
            except OSError:
                tally.add(kind, "connect failed"); break
        for s in list(held):
            s.setblocking(False)
            try:
                data = s.recv(4096)
                if data.startswith(b"HTTP/1.1 503"):
                    tally.add(kind, "refused with 503")
                elif data.startswith(b"HTTP/1.1 408"):
                    tally.add(kind, "timed out with 408")
                elif not data:
                    tally.add(kind, "closed")
                held.remove(s); s.close()
            except BlockingIOError:
                pass
            except OSError:
                tally.add(kind, "reset"); held.remove(s); s.close()
        time.sleep(0.5)
    for s in held:
        s.close()

def slowloris(port, source, count, until, tally, kind):
    """`count` connections each sending one header byte a second."""
    held = []
    while time.time() < until:
        while len(held) < count:
            try:
                s = connect(port, source, timeout=2)
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                held.append(s); tally.add(kind, "opened")
            except OSError:
                tally.add(kind, "connect failed"); break
        for s in list(held):
            try:
                s.sendall(b"X")
            except OSError:
                tally.add(kind, "closed by server"); held.remove(s); s.close()
        time.sleep(1)
    for s in held:
        s.close()

BAD_REQUESTS = [
    b"FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"POST /reply HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    b"POST /reply HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n",
    bytes([0x16, 0x03, 0x01, 0x00, 0xA5, 0x01, 0x00, 0x00, 0xA1, 0x03, 0x03]) + b"*" * 32,
    b"GET /users/alice/transcript HTTP/1.1\r\nHost: rebind.attacker.test\r\nOrigin: http://rebind.attacker.test\r\n\r\n",
    b"GET /reply?input=hi&key=wrong HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
]

def bad_requests(port, source, rate, until, tally, kind):
    """Malformed, rebinding and wrong-key requests, `rate` a second, each on a new connection."""
    i = 0
    while time.time() < until:
        request = BAD_REQUESTS[i % len(BAD_REQUESTS)]; i += 1
        try:
            s = connect(port, source, timeout=10)
            try:
                s.sendall(request)
            except OSError:
                pass
            answer = s.recv(64)
            status = answer[9:12].decode(errors="replace") if answer.startswith(b"HTTP/1.1") else "no answer"
            tally.add(kind, status)
            s.close()
        except socket.timeout:
            tally.add(kind, "hung")
        except OSError:
            tally.add(kind, "connect failed")
        time.sleep(1 / rate)

def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--never-readers", type=int, default=1, help="clients sending 60 KB 40 times a second")
    parser.add_argument("--flooders", type=int, default=1, help="clients sending small frames flat out")
    parser.add_argument("--silent", type=int, default=4000, help="silent connections held")
    args = parser.parse_args()
    until = time.time() + args.seconds
    tally = Tally()
    port = args.port
    jobs = [threading.Thread(target=never_reader, args=(port, f"127.0.1.{i + 1}", 60000, 40, until, tally, "60 KB at 40/s, never reads"))
            for i in range(args.never_readers)]
    jobs += [threading.Thread(target=never_reader, args=(port, f"127.0.2.{i + 1}", 10, 0, until, tally, "small frames flat out, never reads"))
             for i in range(args.flooders)]
    jobs.append(threading.Thread(target=idle_flood, args=(port, [f"127.0.3.{i + 1}" for i in range(4)], args.silent, until, tally, "silent connections")))
    jobs.append(threading.Thread(target=slowloris, args=(port, "127.0.4.1", 200, until, tally, "slow headers")))
    jobs.append(threading.Thread(target=bad_requests, args=(port, "127.0.5.1", 50, until, tally, "malformed, rebinding, wrong-key requests")))
    for job in jobs:
        job.daemon = True
        job.start()
    for job in jobs:
        job.join(args.seconds + 30)
    for kind, counts in tally.counts.items():
        print(f"abusers: {kind}: " + ", ".join(f"{what} {n}" for what, n in sorted(counts.items())))

if __name__ == "__main__":
    main()
