#!/usr/bin/env bash
# Optional: boots systemd for real in a container (systemd-nspawn over a throw-away overlay of
# this machine's own root, nothing written back) and runs the operator's steps there:
# apt install, systemctl enable --now jamulus-headless, STATUS=, the recording units, and a
# deliberately stalled mix thread that the watchdog must restart.
#   bash tools/systemd-boot-test.sh path/to/tutti-server_*.deb     (as root; ~1 minute)
# Exit status 77 when this machine cannot boot a container (no systemd-nspawn, no privileges).
# Never boot systemd in a namespace that shares this machine's root file system: its boot-time
# tmpfiles clean-up empties the real /tmp (the overlay below is what prevents that). nspawn
# refuses --directory=/ itself.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deb=$(readlink -f "${1:?usage: $0 tutti-server_VERSION_ARCH.deb}")
command -v systemd-nspawn >/dev/null || { echo "skipped: no systemd-nspawn (systemd-container)"; exit 77; }
log=$(mktemp /tmp/tutti-boot.XXXXXX.log)
# The container's root: this machine's root file system as the read-only lower layer of an
# overlay whose upper layer is a tmpfs, so every write (apt, tmpfiles, the journal) is thrown away.
ovl=$(mktemp -d /mnt/tutti-boot.XXXXXX)
cleanup() {
  umount "$ovl/root" 2>/dev/null
  umount "$ovl" 2>/dev/null
  rmdir "$ovl" 2>/dev/null
}
trap cleanup EXIT
mount -t tmpfs -o size=2G tmpfs "$ovl" && mkdir "$ovl/upper" "$ovl/work" "$ovl/root" &&
  mount -t overlay overlay -o "lowerdir=/,upperdir=$ovl/upper,workdir=$ovl/work" "$ovl/root" ||
  { echo "skipped: cannot mount an overlay of / here"; exit 77; }
timeout 180 systemd-nspawn --quiet --directory="$ovl/root" --register=no --keep-unit \
  --link-journal=no \
  --machine=tutti-boot-test --private-network \
  --bind-ro="$deb:/run/tutti-boot/tutti-server.deb" \
  --bind-ro="$root/tests/package/boot/boot-test.sh:/run/tutti-boot/boot-test.sh" \
  --bind-ro="$root/tests/package/boot/tutti-boot-test.service:/etc/systemd/system/tutti-boot-test.service" \
  --boot -- systemd.unit=tutti-boot-test.service >"$log" 2>&1
rc=$?
grep -m 60 -E 'BOOT-TEST|\+ system|Status:|StatusText|Watchdog|NRestarts|OnHandledSignal|Recording state|Active:|Real-time|realtime' "$log" || true
if grep -q 'BOOT-TEST PASSED' "$log"; then
  [ -n "${TUTTI_BOOT_KEEP_LOG:-}" ] && echo "full log: $log" || rm -f "$log"
  echo "systemd boot test passed"; exit 0
fi
echo "systemd boot test did not pass (nspawn status $rc); full log: $log"
grep -qE 'BOOT-TEST FAIL' "$log" && exit 1
exit 77
