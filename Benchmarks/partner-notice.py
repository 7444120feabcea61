#!/usr/bin/env python3
# How soon the chat page's partner is told that someone left: Ann and Bob pair in the demo's
# `chat` task on a running `parley serve` (rich clients, as the page is), then Bob
#   1. closes his tab: sends {"leave": true} and closes; Ann's time to {"status": "left"};
#   2. (with --drop, as root, Linux) vanishes without a word: tc drops every packet of his
#      connection on the loopback; Ann's time to {"status": "away"}.
# Usage: Benchmarks/partner-notice.py --port PORT [--drop] [--rounds N]
# Needs websocket-client (scripts/parlai-read --install installs it).
import argparse, json, statistics, subprocess, time
import websocket


def person(port, name, session=False):
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/websocket", timeout=30)
    first = {"text": "hello", "features": ["rich", "typing"]}
    if session:
        first["session"] = None
    ws.send(json.dumps(first))
    for text in ["chat", name]:
        ws.recv()
        ws.send(json.dumps({"text": text}))
    return ws


def wait_for(ws, status):
    while True:
        frame = json.loads(ws.recv())
        if frame.get("status") == status:
            return


def pair(port):
    ann = person(port, "Ann")
    wait_for(ann, "waiting")
    bob = person(port, "Bob", session=True)
    wait_for(ann, "paired")
    return ann, bob


def tc(*args):
    subprocess.run(["tc", *args], check=True)


def drop(bob_port):
    tc("qdisc", "add", "dev", "lo", "root", "handle", "1:", "prio")
    tc("qdisc", "add", "dev", "lo", "parent", "1:3", "handle", "30:", "netem", "loss", "100%")
    for field in ["sport", "dport"]:
        tc("filter", "add", "dev", "lo", "protocol", "ip", "parent", "1:0", "prio", "1", "u32",
           "match", "ip", field, str(bob_port), "0xffff", "flowid", "1:3")


def undrop():
    subprocess.run(["tc", "qdisc", "del", "dev", "lo", "root"], check=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--drop", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    left, away = [], []
    for _ in range(options.rounds):
        ann, bob = pair(options.port)
        bob.send(json.dumps({"leave": True}))
        start = time.monotonic()
        bob.close()
        wait_for(ann, "left")
        left.append(time.monotonic() - start)
        wait_for(ann, "clear")
        ann.close()
        if options.drop:
            ann, bob = pair(options.port)
            drop(bob.sock.getsockname()[1])
            try:
                start = time.monotonic()
                # Something to deliver, as a partner's message would be.
                ann.send(json.dumps({"text": "are you there?"}))
                wait_for(ann, "away")
                away.append(time.monotonic() - start)
            finally:
                undrop()
            ann.close()
    print(f"leave -> partner told: median {statistics.median(left) * 1000:.1f} ms, max {max(left) * 1000:.1f} ms ({len(left)} rounds)")
    if away:
        print(f"silent drop -> partner told: median {statistics.median(away):.2f} s, max {max(away):.2f} s ({len(away)} rounds)")


if __name__ == "__main__":
    main()
