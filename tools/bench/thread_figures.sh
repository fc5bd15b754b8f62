#!/usr/bin/env bash
# Per-thread CPU and context switches of tutti-server under the load generator (BENCHMARKS.md,
# issue 13): a 10 s window, 4 s sampled from /proc in its middle. Stops by itself; everything on
# 127.0.0.1.
#   BIN=build bash tools/bench/thread_figures.sh N MIXES [FRAME]
# BIN holds tutti-server; LOADGEN (default $BIN/tutti-loadgen) is the load generator, so that
# two server builds can face the same one; LGARGS adds load-generator options (--send-slots 32).
set -u
bin=${BIN:-build}
loadgen=${LOADGEN:-$bin/tutti-loadgen}
n=$1; mixes=$2; frame=${3:-128}
# shellcheck source=server_under_load.sh
. "$(dirname "$0")/server_under_load.sh"
start_server 27000
# One line per thread: name, voluntary and involuntary switches, CPU ticks (user + system).
snapshot() {
  for t in /proc/"$spid"/task/*; do
    printf '%s %s %s %s\n' "$(cat "$t/comm")" \
      "$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")" \
      "$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$t/status")" \
      "$(awk '{print $14 + $15}' "$t/stat")"
  done | sort
}
( sleep 10; snapshot > "$work/before"; sleep 4; snapshot > "$work/after" ) &
sampler=$!
# shellcheck disable=SC2086  # LGARGS is a list of options
run_loadgen "$n" "$mixes" "$frame" ${LGARGS:-}
wait "$sampler"
stop_server
hz=$(getconf CLK_TCK)
python3 - "$work/lg.json" "$work/before" "$work/after" "$hz" <<'PY'
import json, sys
j = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
def rows(path):
    out = {}
    for line in open(path):
        name, vol, inv, ticks = line.split()
        out.setdefault(name, []).append((int(vol), int(inv), int(ticks)))
    return out
before, after, hz = rows(sys.argv[2]), rows(sys.argv[3]), int(sys.argv[4])
print("server %.1f %% of a core, load generator %.1f %%, held %s, delivered min %.4f, load %s" % (
    j.get("server_cpu_pct") or -1, j["loadgen_cpu_pct"], j["held"], j["delivered_min"],
    j.get("loadavg_start")))
for name in sorted(after):
    for (v0, i0, t0), (v1, i1, t1) in zip(before.get(name, []), after[name]):
        print("  %-15s CPU %5.1f %%  voluntary switches/s %6.0f  involuntary/s %6.0f" % (
            name, 100.0 * (t1 - t0) / hz / 4, (v1 - v0) / 4, (i1 - i0) / 4))
PY
