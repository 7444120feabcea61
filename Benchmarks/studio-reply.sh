#!/usr/bin/env bash
# The reply API answering with a studio version (mind=NAME@N) against the same rulebase as a file
# of the minds folder (mind=NAME): a release `parley serve --reply-only` on a free loopback port,
# loaded by wrk with reply-stateless.lua, one after the other, three times each (the order
# alternating), in one run.
#
# Usage: Benchmarks/studio-reply.sh [--duration 20s] [--connections 64] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=20s connections=64 threads=2
while (($#)); do
    case $1 in
        --duration) duration=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source Benchmarks/serve.sh
mkdir "$work/minds"
# The demo mind as a folder file named "folder", and as the studio mind "studio", version 1.
sed 's/^mind: acme-support/mind: folder/' minds/demo.yaml >"$work/minds/folder.yaml"
start_parley --reply-only --store "$work/bench.sqlite" --minds-dir "$work/minds" --rate-limit 0
python3 - "$port" <<'PYTHON'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
source = open("minds/demo.yaml", encoding="utf-8").read().replace("mind: acme-support", "mind: studio", 1)
for path, body in [("/studio/api/minds", {"name": "studio", "source": source}), ("/studio/api/minds/studio/publish", {})]:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST")
    print(path, json.load(urllib.request.urlopen(request)).get("version", "created"))
PYTHON
echo "server pid $server on port $port ($(nproc) cores, $(uname -m))"
for round in 1 2 3; do
    order="folder studio@1"
    ((round % 2)) || order="studio@1 folder"
    for mind in $order; do
        REPLY_MIND=$mind wrk -t"$threads" -c"$connections" -d5s -s Benchmarks/reply-stateless.lua "http://127.0.0.1:$port" >/dev/null  # warm-up
        echo "round $round, mind=$mind: wrk -t$threads -c$connections -d$duration --latency"
        REPLY_MIND=$mind wrk -t"$threads" -c"$connections" -d"$duration" --latency -s Benchmarks/reply-stateless.lua \
            "http://127.0.0.1:$port" | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
    done
done
