#!/usr/bin/env bash
# Fetches Debian's own `opus` source package (same suite as the machine) into third_party/opus.
#
# Why: bookworm's binary libopus aborts when a 128-sample custom-mode decoder decodes anything
# (it is built with internal assertions on), so cmake/Opus.cmake builds a static libopus from
# this source instead. Taking Debian's source keeps us on the version and patches the distro
# ships and security-tracks; nothing third-party is committed to the repository.
#
# Usage: tools/fetch-opus.sh [destination]   (default: <repo>/third_party/opus)
# Needs deb-src entries in the apt sources (tools/install-deps.sh enables them) and dpkg-dev.
# Idempotent: does nothing when the destination already holds an unpacked opus source.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$repo_root/third_party/opus}"

# A configure.ac plus the custom-mode header is what cmake/Opus.cmake needs; anything less is a
# broken earlier attempt and is fetched again.
if [ -f "$dest/configure.ac" ] && [ -f "$dest/include/opus_custom.h" ]; then
  echo "fetch-opus.sh: opus source already present in $dest"
  exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-source >/dev/null; then
  echo "fetch-opus.sh: needs apt-get and dpkg-source (apt-get install dpkg-dev)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# apt-get source runs as any user; it only needs the deb-src index from `apt-get update`.
# Run as root it warns that the download is "unsandboxed" (the _apt user cannot write to the
# private temporary directory); that is harmless.
if ! (cd "$work" && apt-get source -q opus); then
  echo "fetch-opus.sh: 'apt-get source opus' failed; enable deb-src entries and run" \
    "'apt-get update' (tools/install-deps.sh does both)" >&2
  exit 1
fi

unpacked="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'opus-*' -print -quit)"
if [ -z "$unpacked" ]; then
  echo "fetch-opus.sh: apt-get source produced no opus-* directory" >&2
  exit 1
fi

mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$unpacked" "$dest"
echo "fetch-opus.sh: opus source ($(basename "$unpacked")) unpacked into $dest"
