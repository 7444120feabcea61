#!/usr/bin/env bash
# The reply API benchmark: a release `parley serve` (demo mind, no rate limit) on a free loopback
# port, loaded by wrk with one of the Lua scripts here.
#
# Usage: Benchmarks/reply-load.sh stateless|stateful [--store STORE] [--duration 30s]
#                                 [--connections 64] [--threads 2] [--users 10000]
#   --store: where the server keeps user state (default: a new SQLite file; or a postgres:// URL,
#            e.g. from `eval "$(scripts/postgres start)"` and $PARLEY_TEST_POSTGRES_URL).
# Installs wrk (Debian) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?usage: Benchmarks/reply-load.sh stateless|stateful [options]}
shift
[[ $scenario == stateless || $scenario == stateful ]] || { echo "unknown scenario $scenario" >&2; exit 2; }
store= duration=30s connections=64 threads=2 users=10000
while (($#)); do
    case $1 in
        --store) store=$2 ;;
        --duration) duration=$2 ;;
        --connections) connections=$2 ;;
        --threads) threads=$2 ;;
        --users) users=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source Benchmarks/serve.sh
[[ -n $store ]] || store=$work/bench.sqlite
start_parley --store "$store" --minds-dir minds --rate-limit 0
echo "server pid $server on port $port ($(nproc) cores, $(uname -m)); store $(sed 's|://[^@/]*@|://***@|' <<<"$store")"
export REPLY_USERS=$users REPLY_USER_PREFIX="bench-$(date +%s)"
echo "warm-up: 5 s"
wrk -t"$threads" -c"$connections" -d5s -s "Benchmarks/reply-$scenario.lua" "http://127.0.0.1:$port" >/dev/null
echo "wrk -t$threads -c$connections -d$duration --latency -s Benchmarks/reply-$scenario.lua (users: $users)"
# The server's CPU time (user + system, in clock ticks) around the run, per request answered.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
before=$(cpu_ticks)
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "Benchmarks/reply-$scenario.lua" "http://127.0.0.1:$port" | tee "$work/wrk"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$work/wrk")
echo "server CPU per request: $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f us", t / hz / n * 1e6}')"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server resident memory: $(awk '/VmRSS/ {print $2, $3}' "/proc/$server/status")"
