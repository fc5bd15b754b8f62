# Sourced by the benchmark scripts beside it (not run on its own): one tutti-server under the
# load generator, everything on 127.0.0.1. The caller sets `bin` (a folder with tutti-server)
# and may set `loadgen` (default $bin/tutti-loadgen).

# start_server PORT_BASE [server options...]: starts $bin/tutti-server at nice -20 on a random
# port above PORT_BASE with room for 150 clients from 127.0.0.0/8, plus the options given (and
# whatever the caller exported, e.g. TUTTI_RECEIVE_DRAINS_PER_TICK). Sets port, work (a
# temporary folder, removed at exit) and spid.
start_server() {
  local base=$1
  shift
  port=$((base + RANDOM % 1000))
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  nice -n -20 "$bin/tutti-server" -n -u 150 -p "$port" --maxchannelsperip 150 "$@" \
    > "$work/server.log" 2>&1 &
  spid=$!
  sleep 0.5
}

# run_loadgen N MIXES FRAME [load generator options...]: N clients join over 3 s, settle for
# 4 s, then a 10 s window is measured; the JSON line goes to $work/lg.json.
run_loadgen() {
  local n=$1 mixes=$2 frame=$3
  shift 3
  "${loadgen:-$bin/tutti-loadgen}" -p "$port" -n "$n" --frame "$frame" --mixes "$mixes" \
    --duration 10 --join-over 3 --settle 4s --rt-priority 80 --server-pid "$spid" --json --quiet \
    "$@" > "$work/lg.json"
}

# stop_server: ends the server and waits for it (its stop summary is in $work/server.log).
stop_server() {
  kill "$spid"
  wait "$spid" 2>/dev/null
}
