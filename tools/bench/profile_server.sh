#!/usr/bin/env bash
# Where tutti-server's time goes under load: perf (call graphs from DWARF) on the server for 3 s
# in the middle of a load-generator window, then the inclusive shares of the engine's parts.
#   BIN=build bash tools/bench/profile_server.sh N MIXES [FRAME]      (needs perf; as root)
set -u
bin=${BIN:-build}
n=$1; mixes=$2; frame=${3:-128}
# shellcheck source=server_under_load.sh
. "$(dirname "$0")/server_under_load.sh"
start_server 24000
( sleep 10; perf record -q --call-graph dwarf,16384 -F 499 -p "$spid" -o "$work/perf.data" \
    -- sleep 3 > /dev/null 2>&1 ) &
ppid=$!
run_loadgen "$n" "$mixes" "$frame"
wait "$ppid"
stop_server
perf report -i "$work/perf.data" --children --stdio --sort sym 2>/dev/null | grep -E "^ +[0-9]" |
  grep -E "MixEngine::(tick|decodeInput|mixGroup)|Receiver::drainNow|SendBatch::flush|mixInto|OpusDecoder::decode|do_futex|__schedule$" | head -20
