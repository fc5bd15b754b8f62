#!/usr/bin/env bash
# Builds the tutti-server .deb from a clean copy of this checkout, checks it with lintian,
# installs it with apt and tests the installed package the way systemd would run it:
#   files and the jamulus user, `systemd-analyze verify` of every unit, READY/STATUS/WATCHDOG/
#   STOPPING through a test NOTIFY_SOCKET (as user jamulus, with the unit's limits), no watchdog
#   pings once the mix thread is stalled on purpose, socket activation, the recording units'
#   signals, two real Jamulus clients on the installed server, live mix out through the
#   tutti-server-mixout package (tutti-server itself must not depend on libjack/libasound),
#   upgrade and purge.
# Run as root on Debian bookworm:  bash tools/package-test.sh [--keep-installed]
# Needs: tools/install-deps.sh, plus debhelper, lintian, fakeroot (installed here if missing).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
keep=${1:-}
step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }
fail() { echo "package-test: FAIL: $*" >&2; exit 1; }

step "dependencies"
missing=()
for p in debhelper lintian fakeroot; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

work=$(mktemp -d /tmp/tutti-package.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -n "${TUTTI_PACKAGE_DEB:-}" ]; then
  # Re-testing an already built package: TUTTI_PACKAGE_DEB=path/to/tutti-server_*.deb
  # A tutti-server-mixout_*.deb next to it is tested too.
  cp "$TUTTI_PACKAGE_DEB" "$work/"
  cp "$(dirname "$TUTTI_PACKAGE_DEB")"/tutti-server-mixout_[0-9]*.deb "$work/" 2>/dev/null || true
else
step "build the package in a clean copy"
mkdir "$work/tutti"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/tutti")
# A clone's unpacked opus source saves the fetch; without it debian/rules fetches it.
if [ -f "$root/third_party/opus/configure.ac" ]; then
  mkdir -p "$work/tutti/third_party" && cp -a "$root/third_party/opus" "$work/tutti/third_party/"
fi
(cd "$work/tutti" && nice -n 10 dpkg-buildpackage -us -uc -b -j2) >"$work/build.log" 2>&1 ||
  { tail -40 "$work/build.log"; fail "dpkg-buildpackage"; }
cp "$work"/tutti-server_*.deb /tmp/ 2>/dev/null || true  # kept for re-runs and the report
cp "$work"/tutti-server-gui_*.deb /tmp/ 2>/dev/null || true
cp "$work"/tutti-server-mixout_*.deb /tmp/ 2>/dev/null || true
fi
deb=$(ls "$work"/tutti-server_[0-9]*.deb)
echo "built $(basename "$deb")"

step "lintian"
# Kept warnings (README, "Install as a service"): Group=nogroup, as upstream's unit has it.
lintian --fail-on error "$deb" || fail "lintian reports errors"

step "no JACK or ALSA in tutti-server's dependencies (issue 14: those are tutti-server-mixout's)"
deps=$(dpkg-deb -f "$deb" Depends Pre-Depends Recommends)
echo "tutti-server: $deps"
if grep -Eq 'libjack|libasound' <<<"$deps"; then fail "tutti-server depends on libjack/libasound"; fi
grep -q tutti-server-mixout <<<"$(dpkg-deb -f "$deb" Suggests)" || fail "tutti-server does not suggest tutti-server-mixout"

step "install with apt"
apt-get purge -y -q tutti-server-mixout tutti-server >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
for f in /usr/bin/tutti-server /usr/bin/jamulus-headless \
  /lib/systemd/system/jamulus-headless.service /lib/systemd/system/jamulus-headless@.service \
  /lib/systemd/system/jamulus-headless.socket \
  /lib/systemd/system/jamulus-headless-new-recording.service \
  /lib/systemd/system/jamulus-headless-toggle-recording.service \
  /lib/systemd/system/jamulus-headless-new-recording@.service \
  /lib/systemd/system/jamulus-headless-toggle-recording@.service \
  /usr/lib/sysusers.d/tutti-server.conf /usr/lib/tmpfiles.d/tutti-server.conf \
  /usr/share/man/man1/tutti-server.1.gz /usr/share/doc/tutti-server/README.md.gz \
  /usr/share/doc/tutti-server/changelog.gz /usr/share/doc/tutti-server/copyright; do
  [ -e "$f" ] || fail "missing $f"
done
echo "all files installed"
# The executable itself must not pull in either library (the modules do, when loaded).
needed=$(readelf -d /usr/bin/tutti-server) || fail "readelf /usr/bin/tutti-server"
if grep -Eq 'NEEDED.*(libjack|libasound)' <<<"$needed"; then
  fail "/usr/bin/tutti-server links libjack or libasound"
fi
linked=$(ldd /usr/bin/tutti-server) || fail "ldd /usr/bin/tutti-server"
if grep -Eq 'libjack|libasound' <<<"$linked"; then fail "ldd: libjack/libasound"; fi
[ "$(readlink -f /usr/bin/jamulus-headless)" = /usr/bin/tutti-server ] || fail "jamulus-headless"
IFS=: read -r _ _ uid gid _ home shell < <(getent passwd jamulus) || fail "no jamulus user"
[ "$gid" = "$(getent group nogroup | cut -d: -f3)" ] || fail "jamulus is not in nogroup"
((uid < 1000)) || fail "jamulus is not a system user"
echo "user jamulus: uid $uid, group nogroup, home $home, shell $shell"
[ "$(stat -c %U /var/lib/jamulus/recordings)" = jamulus ] || fail "/var/lib/jamulus/recordings owner"
if [ "$(systemctl is-enabled jamulus-headless.service 2>/dev/null)" = enabled ]; then
  fail "the service was enabled on installation"
fi
python3 "$root/distro/check-manpage.py" /usr/bin/tutti-server \
  <(zcat /usr/share/man/man1/tutti-server.1.gz) || fail "man page"

step "systemd-analyze verify every unit"
vdir="$work/verify"
mkdir "$vdir"
for u in /lib/systemd/system/jamulus-headless*; do
  name=$(basename "$u")
  cp "$u" "$vdir/${name/@./@test.}"  # a template is verified as an instance
done
mkdir -p /etc/jamulus-headless
created_conf=
[ -e /etc/jamulus-headless/test.conf ] || { echo 'OPTIONS="-p 22199"' >/etc/jamulus-headless/test.conf; created_conf=1; }
(cd "$vdir" && systemd-analyze verify --man=no ./*) || fail "systemd-analyze verify"
[ -n "$created_conf" ] && rm -f /etc/jamulus-headless/test.conf && rmdir /etc/jamulus-headless 2>/dev/null || true
echo "verified: $(ls "$vdir" | tr '\n' ' ')"

# As the unit runs it: user jamulus, group nogroup, LimitRTPRIO=95, Nice=-20.
# A container without CAP_SYS_RESOURCE cannot raise the RLIMIT_RTPRIO hard limit as systemd does;
# then the server runs without it and says so (checked below).
if prlimit --rtprio=95 true 2>/dev/null; then
  rtlimit=(prlimit --rtprio=95)
else
  rtlimit=()
  echo "note: cannot raise RLIMIT_RTPRIO here (hard limit $(ulimit -Hr)); LimitRTPRIO=95 not emulated"
fi
as_unit=("${rtlimit[@]}" nice -n -20 setpriv --reuid=jamulus --regid=nogroup --clear-groups)
port=$((22300 + RANDOM % 500))

step "readiness, status, watchdog, stopping (as user jamulus)"
python3 "$root/tests/package/notify_check.py" -- "${as_unit[@]}" /usr/bin/jamulus-headless -s -n \
  -p "{port}" -R /var/lib/jamulus/recordings || fail "notify"

step "watchdog stops when the mix thread is stalled on purpose"
python3 "$root/tests/package/notify_check.py" --stall-after-ms 5000 -- "${as_unit[@]}" \
  /usr/bin/jamulus-headless -s -n -p "{port}" || fail "watchdog stall"

step "socket activation"
python3 "$root/tests/package/notify_check.py" --socket-activate -- "${as_unit[@]}" \
  /usr/bin/jamulus-headless -s -n -p "{port}" || fail "socket activation"

step "real-time priority under the unit's limits"
log="$work/rt.log"
"${as_unit[@]}" /usr/bin/jamulus-headless -s -n -p "$port" 2>"$log" &
pid=$!
for _ in $(seq 100); do grep -q 'Real-time scheduling' "$log" && break; sleep 0.1; done
kill -TERM "$pid"; wait "$pid" || true
grep 'Real-time scheduling' "$log" || fail "no real-time scheduling line"
if ((${#rtlimit[@]})); then
  grep -q 'SCHED_FIFO) enabled' "$log" || fail "SCHED_FIFO refused under LimitRTPRIO=95"
fi

step "recording units' signals"
python3 "$root/tests/package/recording_units_check.py" /lib/systemd/system -- "${as_unit[@]}" \
  /usr/bin/jamulus-headless -s -n -p "$port" -R /var/lib/jamulus/recordings || fail "recording units"

step "two real Jamulus clients on the installed server"
if command -v Jamulus >/dev/null && command -v jackd >/dev/null; then
  python3 "$root/tests/interop/test_two_clients.py" --jamulus Jamulus \
    --server-cmd "${as_unit[*]} /usr/bin/jamulus-headless -s -n -p {port} -w {welcome}" ||
    fail "interop with the installed server"
else
  echo "skipped: Jamulus or jackd missing (tools/install-deps.sh installs them)"
fi

step "optional: a real systemd booted in a container (systemctl enable --now, recording units, watchdog restart)"
rc=0
bash "$root/tools/systemd-boot-test.sh" "$deb" || rc=$?
if ((rc == 77)); then echo "skipped: this machine cannot boot a systemd container"; elif ((rc)); then fail "systemd boot test"; fi

step "live mix out through tutti-server-mixout"
# Without the package, --mixout stops the server at once with a message naming it.
out=$(timeout 20 /usr/bin/tutti-server -s -n -p "$port" --mixout alsa:tuttitest 2>&1) &&
  fail "--mixout alsa started without tutti-server-mixout"
grep -q 'install the tutti-server-mixout package' <<<"$out" || { echo "$out"; fail "no hint to install tutti-server-mixout"; }
echo "without the package: $(grep -m1 -- --mixout <<<"$out")"
mixout_deb=$(ls "$work"/tutti-server-mixout_[0-9]*.deb 2>/dev/null || true)
[ -n "$mixout_deb" ] || fail "no tutti-server-mixout package built"
lintian --fail-on error "$mixout_deb" || fail "lintian reports errors (tutti-server-mixout)"
mixdeps=$(dpkg-deb -f "$mixout_deb" Depends)
echo "tutti-server-mixout: $mixdeps"
grep -q libjack <<<"$mixdeps" && grep -q libasound <<<"$mixdeps" ||
  fail "tutti-server-mixout does not depend on libjack and libasound"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$mixout_deb" >/dev/null ||
  fail "install tutti-server-mixout"
for m in jack alsa; do
  ls /usr/lib/*/tutti/tutti-mixout-$m.so >/dev/null 2>&1 || fail "no tutti-mixout-$m.so installed"
done
# ALSA's file plugin over its null device stands in for a sound card: the installed server
# must load the module, open the device and write the mix into the file.
alsahome="$work/alsahome"
mkdir -p "$alsahome"
raw="$work/mixout.raw"
printf 'pcm.tuttitest {\n type file\n slave.pcm "null"\n file "%s"\n format "raw"\n}\n' "$raw" \
  >"$alsahome/.asoundrc"
log="$work/mixout.log"
HOME="$alsahome" /usr/bin/tutti-server -s -n -p "$port" --mixout alsa:tuttitest 2>"$log" &
pid=$!
for _ in $(seq 150); do
  grep -q "Mix out: playing the session mix to ALSA device 'tuttitest'" "$log" &&
    [ "$(stat -c %s "$raw" 2>/dev/null || echo 0)" -gt 48000 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null; wait "$pid" || true
grep "Mix out:" "$log" || { cat "$log"; fail "the installed server did not play to ALSA"; }
grep -q "playing the session mix to ALSA device 'tuttitest'" "$log" || fail "ALSA module not playing"
bytes=$(stat -c %s "$raw" 2>/dev/null || echo 0)
((bytes > 48000)) || fail "ALSA file plugin got only $bytes bytes of mix"
echo "ALSA module: $bytes bytes of mix written through the file plugin"
# The JACK module loads as well (no JACK server here: it reports that and keeps retrying).
# A server name of its own, so that no JACK server someone else runs here is touched.
JACK_DEFAULT_SERVER=tutti-package-test-none HOME="$alsahome" \
  /usr/bin/tutti-server -s -n -p "$port" --mixout jack:tuttipkg 2>"$log" &
pid=$!
for _ in $(seq 100); do
  grep -q "JACK client 'tuttipkg'" "$log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2>/dev/null; wait "$pid" || true
grep "JACK client 'tuttipkg'" "$log" || { cat "$log"; fail "the JACK module did not load"; }
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q tutti-server-mixout >/dev/null ||
  fail "purge tutti-server-mixout"
[ -z "$(ls /usr/lib/*/tutti/tutti-mixout-*.so 2>/dev/null)" ] || fail "modules left after purge"
echo "tutti-server-mixout: installed, both modules load, purged"

step "desktop package (tutti-server-gui)"
gui_deb=$(ls "$work"/tutti-server-gui_[0-9]*.deb 2>/dev/null || true)
if [ -n "$gui_deb" ]; then
  lintian --fail-on error "$gui_deb" || fail "lintian reports errors (tutti-server-gui)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$gui_deb" >/dev/null ||
    fail "install tutti-server-gui"
  # Output captured first: under pipefail, "cmd | grep -q" fails whenever grep quits at its
  # match before cmd has written everything (cmd dies of SIGPIPE), which --help's length makes likely.
  help=$(/usr/bin/tutti-server-gui --help) || fail "tutti-server-gui --help exits with $?"
  grep -q -- --nogui <<<"$help" || fail "tutti-server-gui --help does not list --nogui"
  version=$(/usr/bin/tutti-server-gui -v 2>&1) || fail "tutti-server-gui -v exits with $?"
  grep -q Version <<<"$version" || fail "tutti-server-gui -v: no Version in: $version"
  for f in /usr/share/applications/tutti-server-gui.desktop \
    /usr/share/icons/hicolor/scalable/apps/tutti-server.svg \
    /usr/share/man/man1/tutti-server-gui.1.gz; do
    [ -e "$f" ] || fail "missing $f"
  done
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/tutti-server-gui.desktop ||
      fail "desktop-file-validate"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q tutti-server-gui >/dev/null ||
    fail "purge tutti-server-gui"
  echo "tutti-server-gui: installed, --help and -v run, .desktop valid, purged"
else
  echo "no tutti-server-gui package built (Qt 6 Widgets missing?)"
fi

step "upgrade (reinstall over itself) and purge"
dpkg -i "$deb" >/dev/null || fail "upgrade"
[ -x /usr/bin/jamulus-headless ] || fail "binary gone after upgrade"
if [ "$keep" != --keep-installed ]; then
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q tutti-server >/dev/null || fail "purge"
  for f in /usr/bin/tutti-server /usr/bin/jamulus-headless /lib/systemd/system/jamulus-headless.service; do
    [ ! -e "$f" ] || fail "$f left after purge"
  done
  if [ -d /var/lib/jamulus ] && [ -z "$(ls -A /var/lib/jamulus)" ]; then fail "empty /var/lib/jamulus left"; fi
  echo "purged; kept: user jamulus$( [ -d /var/lib/jamulus ] && echo ', /var/lib/jamulus (not empty: recordings)')"
fi
step "package test passed"
