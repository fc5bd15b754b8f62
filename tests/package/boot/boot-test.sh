#!/bin/bash
# Inside the container, with systemd as PID 1. Prints "BOOT-TEST PASSED" at the end.
set -u
fail() { echo "BOOT-TEST FAIL: $*"; journalctl -u jamulus-headless --no-pager | tail -20; exit 1; }
wait_for() {  # wait_for SECONDS COMMAND...
  local t=$1; shift
  for _ in $(seq $((t * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}
export DEBIAN_FRONTEND=noninteractive
echo "+ apt install ./tutti-server_0.1.0_amd64.deb"
apt-get install -y -q /run/tutti-boot/tutti-server.deb 2>&1 | tail -8 || fail "install"
dpkg -s tutti-server >/dev/null 2>&1 || fail "install"
systemctl is-enabled jamulus-headless && fail "enabled by installation"
systemctl is-active jamulus-headless && fail "started by installation"
mkdir -p /etc/systemd/system/jamulus-headless.service.d
printf '[Service]\nExecStart=\nExecStart=/usr/bin/jamulus-headless -s -n -p 22124 -R /var/lib/jamulus/recordings\n' \
  >/etc/systemd/system/jamulus-headless.service.d/test.conf
systemctl daemon-reload
echo "+ systemctl enable --now jamulus-headless"
systemctl enable --now jamulus-headless || fail "enable --now"
wait_for 15 systemctl is-active jamulus-headless || fail "not active"
systemctl status jamulus-headless --no-pager | head -12
systemctl show -p StatusText -p WatchdogUSec -p MainPID -p NRestarts jamulus-headless
systemctl show -p StatusText jamulus-headless | grep -q 'clients' || fail "no STATUS="
# What LimitRTPRIO=95 gives the mix threads under this service manager (the server logs it).
wait_for 10 sh -c 'journalctl -u jamulus-headless | grep -q "Real-time scheduling"' || fail "no RT line"
journalctl -u jamulus-headless --no-pager -o cat | grep 'Real-time scheduling'
cat /proc/"$(systemctl show -p MainPID --value jamulus-headless)"/limits | grep -i 'realtime priority'

if ! journalctl -u jamulus-headless -o cat | grep -q 'SCHED_FIFO) enabled'; then
  # A container whose service manager cannot raise RLIMIT_RTPRIO (no CAP_SYS_RESOURCE): the
  # documented fallback drop-in must work instead.
  echo "+ LimitRTPRIO not applicable here; drop-in AmbientCapabilities=CAP_SYS_NICE"
  printf '[Service]\nAmbientCapabilities=CAP_SYS_NICE\n' >/etc/systemd/system/jamulus-headless.service.d/rt.conf
  systemctl daemon-reload && systemctl restart jamulus-headless
  wait_for 10 sh -c 'journalctl -u jamulus-headless -o cat | grep -q "SCHED_FIFO) enabled"' ||
    fail "no SCHED_FIFO even with CAP_SYS_NICE"
  journalctl -u jamulus-headless -o cat | grep 'SCHED_FIFO) enabled'
fi
echo "+ systemctl start jamulus-headless-toggle-recording"
systemctl start jamulus-headless-toggle-recording || fail "toggle unit"
wait_for 10 sh -c 'journalctl -u jamulus-headless | grep -q "Recording state: disabled"' || fail "SIGUSR2 not seen"
wait_for 10 sh -c 'systemctl show -p StatusText jamulus-headless | grep -q "recording: off"' || fail "STATUS not updated"
systemctl start jamulus-headless-new-recording || fail "new-recording unit"
wait_for 10 sh -c 'journalctl -u jamulus-headless | grep -q "OnHandledSignal: 10"' || fail "SIGUSR1 not seen"
journalctl -u jamulus-headless --no-pager -o short-precise | tail -12
journalctl -u jamulus-headless -p warning --no-pager | tail -3
echo "+ a second server from the template: jamulus-headless@second"
mkdir -p /etc/jamulus-headless
echo "OPTIONS=\"-p 22125 -o 'Second;Berlin;DE' -R /var/lib/jamulus/second\"" >/etc/jamulus-headless/second.conf
systemctl enable --now jamulus-headless@second || fail "template instance"
wait_for 15 systemctl is-active jamulus-headless@second || fail "instance not active"
systemctl show -p StatusText -p MainPID jamulus-headless@second
tr '\0' ' ' </proc/"$(systemctl show -p MainPID --value jamulus-headless@second)"/cmdline; echo
systemctl start jamulus-headless-toggle-recording@second || fail "instance toggle unit"
wait_for 10 sh -c 'journalctl -u jamulus-headless@second | grep -q "Recording state: disabled"' ||
  fail "instance SIGUSR2 not seen"
journalctl -t jamulus-second --no-pager -o cat | grep -E 'Recording state|OnHandled' | tail -3
systemctl is-active jamulus-headless >/dev/null || fail "first server affected by the second's units"
echo "+ watchdog: stall the mix thread on purpose"
mkdir -p /etc/systemd/system/jamulus-headless.service.d
printf '[Service]\nEnvironment=TUTTI_TEST_STALL_MIX_AFTER_MS=3000\nWatchdogSec=3\nRestartSec=1\n' \
  >/etc/systemd/system/jamulus-headless.service.d/stall.conf
systemctl daemon-reload && systemctl restart jamulus-headless
wait_for 30 sh -c 'journalctl -u jamulus-headless | grep -q "Watchdog timeout"' || fail "no watchdog timeout"
journalctl -u jamulus-headless --no-pager | grep -E 'Watchdog|watchdog' | tail -4
wait_for 15 sh -c '[ "$(systemctl show -p NRestarts --value jamulus-headless)" -ge 1 ]' || fail "not restarted"
systemctl show -p NRestarts jamulus-headless
echo "BOOT-TEST PASSED"
