#!/usr/bin/env bash
# Installs everything Tutti needs to build, run and test on Debian bookworm (run as root).
# Also enables deb-src entries: the build takes Opus from Debian's own `opus` source package,
# because bookworm's binary libopus aborts when decoding 128-sample custom-mode frames.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: run as root (apt-get is needed)" >&2
  exit 1
fi

enable_deb_src() {
  local f=/etc/apt/sources.list.d/debian.sources
  if [ -f "$f" ] && ! grep -q '^Types:.*deb-src' "$f"; then
    sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
  fi
  if [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list &&
    ! grep -q '^deb-src ' /etc/apt/sources.list; then
    grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' >>/etc/apt/sources.list
  fi
}

enable_deb_src
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  build-essential cmake ninja-build pkg-config dpkg-dev ca-certificates \
  qt6-base-dev libsystemd-dev libopus-dev googletest libgtest-dev \
  qt6-httpserver-dev qt6-svg-dev libsqlite3-dev sqlite3 \
  qt6-websockets-dev \
  xvfb x11-utils python3-prometheus-client chromium \
  python3 jamulus jackd2 xauth \
  libjack-jackd2-dev libasound2-dev \
  autoconf automake libtool clang-format \
  debhelper fakeroot lintian systemd-container \
  desktop-file-utils
