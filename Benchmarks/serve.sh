# Sourced by the benchmark scripts: builds a release `parley` and starts `parley serve "$@"` on a
# free loopback port, its output in a temporary folder removed on exit (with the server stopped).
# Sets parley (the binary), work (the folder), server (its pid) and port. PARLEY_BIN=PATH runs that
# binary instead of building one (to compare a build of another commit side by side).
ulimit -n "$(ulimit -Hn)"  # each process holds one socket per connection
if [[ -n ${PARLEY_BIN:-} ]]; then
    parley=$PARLEY_BIN
else
    swift build -c release --scratch-path .build-release --product parley >&2
    parley=.build-release/release/parley
fi
work=$(mktemp -d)
server=
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

start_parley() {
    mkfifo "$work/out"
    "$parley" serve --port 0 "$@" >"$work/out" 2>"$work/log" &
    server=$!
    exec 3<"$work/out"
    port=
    while read -r line <&3; do
        case $line in
            "Parley serving"*ws://*) port=$(sed 's|.*ws://[^:]*:\([0-9]*\)/websocket.*|\1|' <<<"$line") ;;
            "Reply API at"*) [[ -n $port ]] || port=$(sed 's|.*http://[^:]*:\([0-9]*\)/reply.*|\1|' <<<"$line") ;;
            ready) break ;;
        esac
    done
    [[ -n $port ]] || { cat "$work/log" >&2; exit 1; }
}
