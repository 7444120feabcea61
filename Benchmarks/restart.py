#!/usr/bin/env python3
# How long a restart keeps a person in a restorable world waiting: a chat client (session, ack)
# in the echo task of Benchmarks/tasks/chat-load.yml says "one" and has it back; then the server
# gets SIGTERM (a deploy) or SIGKILL (a crash), is started again on the same store and port, and
# the client reconnects with its token and says "two". Per round: the server's stop, its start to
# `ready`, and the whole time from the signal to the echo of "two".
# Usage: Benchmarks/restart.py --parley PATH [--signal TERM|KILL] [--rounds N]
# Needs websocket-client (scripts/parlai-read --install installs it).
import argparse, json, os, signal, socket, statistics, subprocess, tempfile, time
import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(parley, store, port):
    config = os.path.join(ROOT, "Benchmarks/tasks/chat-load.yml")
    process = subprocess.Popen(
        [parley, "serve", "--config", config, "--store", store, "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.strip() == "ready":
            return process
    raise SystemExit("the server stopped before it was ready")


def until(ws, test, acks=None):
    """Reads frames until one passes `test`; notes the acknowledgements read on the way in `acks`."""
    while True:
        frame = json.loads(ws.recv())
        if acks is not None and "ack" in frame:
            acks.add(frame["ack"])
        if test(frame):
            return frame


def connect(port):
    return websocket.create_connection(f"ws://127.0.0.1:{port}/websocket", timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parley", required=True)
    parser.add_argument("--signal", choices=["TERM", "KILL"], default="TERM")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    stops, starts, resumes, answers, totals = [], [], [], [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as work:
            store, port = os.path.join(work, "restart.sqlite"), free_port()
            server = serve(args.parley, store, port)
            ws = connect(port)
            ws.send(json.dumps({"text": "hello", "session": None, "features": ["ack"], "seq": 1}))
            token = until(ws, lambda f: "text" in f)["session"]
            ws.send(json.dumps({"text": "echo", "seq": 2}))
            until(ws, lambda f: f.get("text", "").startswith("Welcome to the onboarding world"))
            ws.send(json.dumps({"text": "one", "seq": 3}))
            acks = set()
            seen = until(ws, lambda f: f.get("text") == "one", acks)["seq"]
            ws.send(json.dumps({"ack": seen}))
            if 3 not in acks:
                until(ws, lambda f: f.get("ack") == 3)

            signalled = time.monotonic()
            server.send_signal(getattr(signal, "SIG" + args.signal))
            try:
                while True:  # as a page does: read until the server closes (and answer its close)
                    ws.recv()
            except Exception:
                pass
            server.wait()
            stopped = time.monotonic()
            server = serve(args.parley, store, port)
            ready = time.monotonic()
            ws.close()
            ws = connect(port)
            ws.send(json.dumps({"session": token, "features": ["ack"]}))
            until(ws, lambda f: "ack" in f)
            resumed = time.monotonic()
            ws.send(json.dumps({"text": "two", "seq": 4}))
            until(ws, lambda f: f.get("text") == "two")
            answered = time.monotonic()
            ws.close()
            server.terminate()
            server.wait()
            stops.append((stopped - signalled) * 1000)
            starts.append((ready - stopped) * 1000)
            resumes.append((resumed - ready) * 1000)
            answers.append((answered - resumed) * 1000)
            totals.append((answered - signalled) * 1000)
    for name, values in [("stop", stops), ("start to ready", starts), ("ready to resumed", resumes),
                         ("'two' to its echo", answers), ("signal to echo of 'two'", totals)]:
        print(f"{name}: median {statistics.median(values):.0f} ms, max {max(values):.0f} ms ({args.rounds} rounds)")


if __name__ == "__main__":
    main()
