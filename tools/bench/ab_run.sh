#!/usr/bin/env bash
# One load-generator run against one tutti-server build, for alternated A/B comparisons
# (BENCHMARKS.md, issue 13). Stops by itself; everything on 127.0.0.1.
#   BIN=build bash tools/bench/ab_run.sh DRAINS N MIXES [FRAME] [tutti-server options...]
# DRAINS sets TUTTI_RECEIVE_DRAINS_PER_TICK (0 = one socket and a receive thread of its own;
# N = one socket read N times per tick by the mix thread; "steered" leaves it unset: the
# default, two steered sockets). BIN is a directory holding tutti-server and tutti-loadgen.
# Load generator options (e.g. --send-slots 64) go in LGARGS.
set -u
bin=${BIN:-build}
drains=$1; n=$2; mixes=$3; frame=${4:-128}
shift 3; [ $# -gt 0 ] && shift
# shellcheck source=server_under_load.sh
. "$(dirname "$0")/server_under_load.sh"
if [ "$drains" = steered ]; then
  unset TUTTI_RECEIVE_DRAINS_PER_TICK
else
  export TUTTI_RECEIVE_DRAINS_PER_TICK=$drains
fi
start_server 23000 "$@"
# shellcheck disable=SC2086 # LGARGS is a list of options
run_loadgen "$n" "$mixes" "$frame" ${LGARGS:-}
stop_server
python3 - "$drains" "$n" "$mixes" "$frame" "$work/lg.json" <<'PY'
import json, sys
j = json.loads(open(sys.argv[5]).read().strip().splitlines()[-1])
print("drains=%s N=%s %s F%s: joined %d server %.1f%% held=%s delivered min %.4f inter p99 %.0fus "
      "spread p99 %.0fus loadgen %.1f%% load %s" % (
          sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], j["joined"],
          j.get("server_cpu_pct") or -1, j["held"], j["delivered_min"], j["inter_p99_us"],
          j["send_spread_p99_us"], j["loadgen_cpu_pct"], j.get("loadavg_start")))
PY
grep "^Engine:" "$work/server.log" | sed 's/, tick duration histogram.*//'
