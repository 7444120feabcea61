#!/usr/bin/env bash
# The reply API benchmark: a release `parley serve` (demo mind, no rate limit) on a free loopback
# port, loaded by wrk with one of the Lua scripts here.
#
# Usage: Benchmarks/reply-load.sh stateless|stateful [--store STORE] [--duration 30s]
#                                 [--connections 64] [--threads 2] [--users 10000] [--nodes 1]
#   --store: where the server keeps user state (default: a new SQLite file; or a postgres:// URL,
#            e.g. from `eval "$(scripts/postgres start)"` and $PARLEY_TEST_POSTGRES_URL).
#   --nodes: how many servers share the store; each gets its share of the connections from a wrk
#            of its own (threads split between them), all on the same users, and the figures are
#            summed.
# Installs wrk (Debian) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: Benchmarks/reply-load.sh stateless|stateful [options]}
shift
[[ $scenario == stateless || $scenario == stateful ]] || { echo "unknown scenario $scenario" >&2; exit 2; }
store= duration=30s connections=64 threads=2 users=10000 nodes=1
while (($#)); do
    case $1 in
        --store) store=$2 ;;
        --duration) duration=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --users) users=$2 ;;
        --nodes) nodes=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source Benchmarks/serve.sh
[[ -n $store ]] || store=$work/bench.sqlite
ports=()
for ((node = 0; node < nodes; node++)); do
    start_parley --store "$store" --minds-dir minds --rate-limit 0
    ports+=("$port")
    echo "server pid $server on port $port ($(nproc) cores, $(uname -m)); store $(sed 's|://[^@/]*@|://***@|' <<<"$store")"
done
export REPLY_USERS=$users REPLY_USER_PREFIX="bench-$(date +%s)"
per_threads=$(((threads + nodes - 1) / nodes)) per_connections=$((connections / nodes))
# Runs wrk against every server at once, for $1, each into $work/wrk.N.
load() {
    local node pids=()
    for ((node = 0; node < nodes; node++)); do
        REPLY_SEED=$node wrk -t"$per_threads" -c"$per_connections" -d"$1" --latency -s "Benchmarks/reply-$scenario.lua" \
            "http://127.0.0.1:${ports[node]}" >"$work/wrk.$node" &
        pids+=($!)
    done
    wait "${pids[@]}"
}
echo "warm-up: 5 s"
load 5s
echo "wrk -t$per_threads -c$per_connections -d$duration --latency -s Benchmarks/reply-$scenario.lua (users: $users) against each of $nodes server(s)"
# The servers' CPU time (user + system, in clock ticks) around the run, per request answered.
cpu_ticks() { local pid total=0; for pid in "${servers[@]}"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$total"; }
before=$(cpu_ticks)
load "$duration"
after=$(cpu_ticks)
for ((node = 0; node < nodes; node++)); do
    ((nodes == 1)) || echo "--- server $((node + 1))"
    cat "$work/wrk.$node"
done
requests=$(cat "$work"/wrk.* | awk '/requests in/ {sum += $1} END {print sum}')
((nodes == 1)) || echo "all servers: $(cat "$work"/wrk.* | awk '/Requests\/sec/ {sum += $2} END {printf "%.2f", sum}') requests/s"
echo "server CPU per request: $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f us", t / hz / n * 1e6}')"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
for pid in "${servers[@]}"; do echo "server $pid resident memory: $(awk '/VmRSS/ {print $2, $3}' "/proc/$pid/status")"; done
