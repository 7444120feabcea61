#!/usr/bin/env bash
# The chat service benchmark: a release `parley serve` on a free loopback port with
# Benchmarks/tasks/chat-load.yml and a throwaway SQLite store, measured by `parley load`.
# Usage: Benchmarks/chat-load.sh [parley load options], e.g. --connections 10000 --active 200 --messages 100
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)"  # each process holds one socket per connection
swift build -c release --scratch-path .build-release --product parley >&2
parley=.build-release/release/parley
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
mkfifo "$work/out"
# Every person comes from 127.0.0.1, so the per-address connection cap is turned off.
"$parley" serve --port 0 --config Benchmarks/tasks/chat-load.yml --store "$work/load.sqlite" \
    --minds-dir "$work" --max-connections-per-address 0 >"$work/out" 2>"$work/log" &
server=$!
exec 3<"$work/out"
port=
while read -r line <&3; do
    case $line in
        "Parley serving"*) port=$(sed 's|.*ws://[^:]*:\([0-9]*\)/websocket.*|\1|' <<<"$line") ;;
        ready) break ;;
    esac
done
[[ -n $port ]] || { cat "$work/log" >&2; exit 1; }
echo "server pid $server on port $port ($(nproc) cores, $(uname -m))"
"$parley" load --port "$port" --server-pid "$server" "$@"
