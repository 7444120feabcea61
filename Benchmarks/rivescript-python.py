#!/usr/bin/env python3
"""rivescript-python's side of the RiveScript benchmark: load time and memory of a script, then
replies per second and latencies on one thread over a corpus (one JSON list of inputs per line, as
ImportBench reads it), each conversation as a new user. Usage:
rivescript-python.py SCRIPT.rive CORPUS.jsonl [--seconds N]"""
import json, os, sys, time
import rivescript

args = sys.argv[1:]
seconds = 10.0
if "--seconds" in args:
    at = args.index("--seconds"); seconds = float(args[at + 1]); del args[at:at + 2]
script, corpus_path = args
corpus = [json.loads(line) for line in open(corpus_path) if line.strip()]

def rss_mib():
    with open("/proc/self/statm") as f: return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1048576

before = rss_mib()
start = time.perf_counter()
bot = rivescript.RiveScript(utf8=False)
bot.load_file(script)
bot.sort_replies()
load = time.perf_counter() - start
print(f"load: {load:.2f} s, memory: {rss_mib() - before} MiB more, {rss_mib()} MiB resident")

latencies, replies, user = [], 0, 0
deadline = time.perf_counter() + seconds
begin = time.perf_counter()
while time.perf_counter() < deadline:
    for conversation in corpus:
        user += 1
        for text in conversation:
            t = time.perf_counter(); bot.reply(str(user), text); latencies.append(time.perf_counter() - t)
            replies += 1
            if time.perf_counter() >= deadline: break
        if time.perf_counter() >= deadline: break
elapsed = time.perf_counter() - begin
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000
print(f"replies: {replies} in {elapsed:.2f} s: {replies / elapsed:.1f} replies/s, p50 {pct(0.5):.3f} ms, "
      f"p99 {pct(0.99):.3f} ms, max {latencies[-1] * 1000:.3f} ms")
