#!/usr/bin/env python3
"""python-aiml's side of the AIML benchmark: load time and memory of ALICE (or the files given),
then replies per second and latencies on one thread over the same corpus ImportBench reads, each
conversation in a fresh session. Usage: aiml-python.py CORPUS.jsonl [--seconds N] [--bot NAME=VALUE]... [FILES...]"""
import glob, json, os, resource, sys, time
import aiml

args = sys.argv[1:]
seconds, bot, files, corpus_path = 10.0, {"name": "ALICE"}, [], None
while args:
    a = args.pop(0)
    if a == "--seconds": seconds = float(args.pop(0))
    elif a == "--bot":
        k, v = args.pop(0).split("=", 1); bot[k] = v
    elif corpus_path is None: corpus_path = a
    else: files.append(a)
if not files:
    files = sorted(glob.glob(os.path.join(os.path.dirname(aiml.__file__), "botdata", "alice", "*.aiml")))
corpus = [json.loads(line) for line in open(corpus_path) if line.strip()]

def rss_mib():
    with open("/proc/self/statm") as f: return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1048576

before = rss_mib()
kernel = aiml.Kernel(); kernel.verbose(False)
start = time.perf_counter()
for f in files: kernel.learn(f)
load = time.perf_counter() - start
for k, v in bot.items(): kernel.setBotPredicate(k, v)
print(f"load: {load:.2f} s, memory: {rss_mib() - before} MiB more, {rss_mib()} MiB resident")

latencies, replies, session = [], 0, 0
deadline = time.perf_counter() + seconds
begin = time.perf_counter()
while time.perf_counter() < deadline:
    for conversation in corpus:
        session += 1
        for text in conversation:
            t = time.perf_counter(); kernel.respond(text, str(session)); latencies.append(time.perf_counter() - t)
            replies += 1
        if time.perf_counter() >= deadline: break
elapsed = time.perf_counter() - begin
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000
print(f"replies: {replies} in {elapsed:.2f} s: {int(replies / elapsed)} replies/s, p50 {pct(0.5):.3f} ms, "
      f"p99 {pct(0.99):.3f} ms, max {latencies[-1] * 1000:.3f} ms")
