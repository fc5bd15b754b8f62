#!/usr/bin/env bash
# Where tutti-server's time goes under load: perf (call graphs from DWARF) on the server for 3 s
# in the middle of a load-generator window, then the inclusive shares of the engine's parts.
#   BIN=build bash tools/bench/profile_server.sh N MIXES [FRAME]      (needs perf; as root)
set -u
bin=${BIN:-build}
n=$1; mixes=$2; frame=${3:-128}
port=$((24000 + RANDOM % 1000))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nice -n -20 "$bin/tutti-server" -n -u 150 -p "$port" --maxchannelsperip 150 > "$work/server.log" 2>&1 &
spid=$!
sleep 0.5
( sleep 10; perf record -q --call-graph dwarf,16384 -F 499 -p "$spid" -o "$work/perf.data" \
    -- sleep 3 > /dev/null 2>&1 ) &
ppid=$!
"$bin/tutti-loadgen" -p "$port" -n "$n" --frame "$frame" --mixes "$mixes" --duration 10 \
  --join-over 3 --settle 4s --rt-priority 80 --server-pid "$spid" --json --quiet > "$work/lg.json"
wait "$ppid"; kill "$spid"; wait "$spid" 2>/dev/null
perf report -i "$work/perf.data" --children --stdio --sort sym 2>/dev/null | grep -E "^ +[0-9]" |
  grep -E "MixEngine::(tick|decodeInput|mixGroup)|Receiver::drainNow|SendBatch::flush|mixInto|OpusDecoder::decode|do_futex|__schedule$" | head -20
