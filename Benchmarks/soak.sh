#!/usr/bin/env bash
# The hardening soak: a release `parley serve` (Benchmarks/tasks/chat-load.yml, a throwaway SQLite
# store, an API key) with the abusive clients of Benchmarks/abusers.py attacking it from 127.0.X.Y
# addresses while `parley load` measures honest people from 127.0.0.1. Prints the honest round trips,
# what the server did to each attack, and the server's peak resident memory (VmHWM).
# Usage: Benchmarks/soak.sh [parley load options]; default --connections 1000 --active 200
# --messages 300 --rate 2000. SOAK_SECONDS (default 75) sets how long the abusers run, SOAK_ABUSERS
# passes options to abusers.py (e.g. "--never-readers 4 --flooders 2").
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/serve.sh
abusers=
trap 'kill $server $abusers 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
# 1,000 honest people share 127.0.0.1, so its per-address cap is raised above them; each abuser
# address keeps the same cap.
start_parley --config Benchmarks/tasks/chat-load.yml --store "$work/soak.sqlite" --minds-dir "$work" \
    --key soak-key --max-connections-per-address 1200
echo "server pid $server on port $port ($(nproc) cores, $(uname -m))"
python3 Benchmarks/abusers.py --port "$port" --seconds "${SOAK_SECONDS:-75}" ${SOAK_ABUSERS:-} >"$work/abusers" &
abusers=$!
sleep 5  # the attacks are under way before the honest people come
if (($#)); then
    "$parley" load --port "$port" --server-pid "$server" "$@"
else
    "$parley" load --port "$port" --server-pid "$server" --connections 1000 --active 200 --messages 300 --rate 2000
fi
wait "$abusers" || true
cat "$work/abusers"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^parley_(connections|websocket_queued)' || true
echo "server peak memory: $(grep VmHWM /proc/"$server"/status | awk '{print $2, $3}'), now $(grep VmRSS /proc/"$server"/status | awk '{print $2, $3}')"
echo "server log lines: $(wc -l <"$work/log") ($(grep -c 'does not keep up' "$work/log" || true) slow-client closes)"
