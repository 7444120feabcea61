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
servers=()
trap 'kill "${servers[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

# May be called more than once (several servers); server and port are then the last one's, and
# each one's log is $work/log (the first) or $work/log.N.
start_parley() {
    local n=${#servers[@]} reader
    local suffix=${n/#0/}
    mkfifo "$work/out$suffix"
    "$parley" serve --port 0 "$@" >"$work/out$suffix" 2>"$work/log${suffix:+.$suffix}" &
    server=$!
    servers+=("$server")
    # Kept open for the server's life: a server writing to a closed pipe would stop.
    exec {reader}<"$work/out$suffix"
    port=
    while read -r -u "$reader" line; do
        case $line in
            "Parley serving"*ws://*) port=$(sed 's|.*ws://[^:]*:\([0-9]*\)/websocket.*|\1|' <<<"$line") ;;
            "Reply API at"*) [[ -n $port ]] || port=$(sed 's|.*http://[^:]*:\([0-9]*\)/reply.*|\1|' <<<"$line") ;;
            ready) break ;;
        esac
    done
    [[ -n $port ]] || { cat "$work/log${suffix:+.$suffix}" >&2; exit 1; }
}
