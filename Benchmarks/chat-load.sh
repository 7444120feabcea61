#!/usr/bin/env bash
# The chat service benchmark: a release `parley serve` on a free loopback port with
# Benchmarks/tasks/chat-load.yml and a throwaway SQLite store, measured by `parley load`.
# Usage: Benchmarks/chat-load.sh [parley load options], e.g. --connections 10000 --active 200 --messages 100
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/serve.sh
# Every person comes from 127.0.0.1, so the per-address connection cap is turned off.
start_parley --config Benchmarks/tasks/chat-load.yml --store "$work/load.sqlite" --minds-dir "$work" \
    --max-connections-per-address 0
echo "server pid $server on port $port ($(nproc) cores, $(uname -m))"
"$parley" load --port "$port" --server-pid "$server" "$@"
