#!/usr/bin/env bash
# Raspberry Pi packages on an amd64 Debian bookworm machine, with Debian's cross toolchains and
# multiarch Qt/libsystemd, plus the arm64 unit tests under qemu-user. Not part of CI (it takes
# 15-25 minutes on two cores); run as root:
#   bash tools/cross-build.sh [arm64] [armhf] [--tests]    (default: arm64 armhf --tests)
# Packages land in build-cross/. TUTTI_CROSS_BUDGET (seconds, default 3600) bounds the whole run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
budget=${TUTTI_CROSS_BUDGET:-3600}
arches=()
tests=
for a in "$@"; do
  case "$a" in
    arm64 | armhf) arches+=("$a") ;;
    --tests) tests=1 ;;
    *) echo "usage: $0 [arm64] [armhf] [--tests]" >&2; exit 2 ;;
  esac
done
if ((${#arches[@]} == 0)); then arches=(arm64 armhf); tests=1; fi
out="$root/build-cross"
mkdir -p "$out"
deadline=$((SECONDS + budget))
remaining() { echo $((deadline - SECONDS > 0 ? deadline - SECONDS : 1)); }
step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }

step "dependencies (multiarch)"
pkgs=(debhelper fakeroot qemu-user)
for a in "${arches[@]}"; do
  grep -qx "$a" <<<"$(dpkg --print-foreign-architectures)" || { dpkg --add-architecture "$a"; updated=; }
  pkgs+=("crossbuild-essential-$a" "qt6-base-dev:$a" "libsystemd-dev:$a" "pkg-config:$a"
    "libjack-jackd2-dev:$a" "libasound2-dev:$a")  # the mix out modules (tutti-server-mixout)
done
[ -n "$tests" ] && pkgs+=("libgtest-dev:arm64")
[ -z "${updated-x}" ] && apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null
[ -f "$root/third_party/opus/configure.ac" ] || bash "$root/tools/fetch-opus.sh"

copy_tree() {  # a clean copy of the checkout (plus the unpacked opus source)
  rm -rf "$1" && mkdir -p "$1"
  (cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$1")
  mkdir -p "$1/third_party" && cp -a "$root/third_party/opus" "$1/third_party/"
}

for a in "${arches[@]}"; do
  step "package for $a"
  work="$out/$a"
  copy_tree "$work/tutti"
  (cd "$work/tutti" && timeout "$(remaining)" nice -n 10 \
    dpkg-buildpackage -us -uc -b -a"$a" -Pcross,nocheck -j2) >"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log"; echo "cross-build: $a package failed" >&2; exit 1; }
  cp "$work"/tutti-server_*_"$a".deb "$out/"
  dpkg -I "$out"/tutti-server_*_"$a".deb | grep -E 'Architecture|Depends'
  # Which Opus SIMD paths this architecture's build uses (configure's summary).
  grep -E 'Intrinsics Optimizations|Run-time CPU detection' \
    "$work"/tutti/obj-*/third_party/opus-build/config.log || true
  rm -rf "$work/tutti"
done

if [ -n "$tests" ]; then
  step "arm64 unit tests under qemu-user"
  b="$out/arm64-tests"
  timeout "$(remaining)" cmake -S "$root" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 \
    -DCMAKE_C_COMPILER=aarch64-linux-gnu-gcc -DCMAKE_CXX_COMPILER=aarch64-linux-gnu-g++ \
    -DPKG_CONFIG_EXECUTABLE=/usr/bin/aarch64-linux-gnu-pkg-config \
    -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
    -DCMAKE_CROSSCOMPILING_EMULATOR=qemu-aarch64 -DTUTTI_OPUS_FROM_SOURCE=ON \
    "-DTUTTI_TEST_DIRS=unit/protocol;unit/audio;unit/app;unit/server;unit/engine;unit/directory;unit/recorder;unit/systemd" \
    $(command -v ccache >/dev/null && echo -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) \
    >"$b.configure.log" 2>&1 || { tail -30 "$b.configure.log"; exit 1; }
  targets=(tutti_protocol_tests tutti_audio_tests tutti_app_tests tutti_server_tests
    tutti_engine_tests tutti_directory_tests tutti_recorder_tests tutti_systemd_tests)
  timeout "$(remaining)" nice -n 10 cmake --build "$b" -j 2 --target "${targets[@]}" \
    >"$b.build.log" 2>&1 || { tail -30 "$b.build.log"; exit 1; }
  failed=0
  for t in "${targets[@]}"; do
    exe=$(find "$b/tests/unit" -name "$t" -type f -print -quit)
    # The million-datagram fuzz test takes minutes under emulation; it runs natively in CI.
    if timeout "$(remaining)" qemu-aarch64 "$exe" --gtest_brief=1 --gtest_filter='-*Fuzz*' \
      >"$b.$t.log" 2>&1; then
      echo "ok   $t: $(grep -E '^\[  PASSED' "$b.$t.log")"
    else
      echo "FAIL $t"; tail -20 "$b.$t.log"; failed=1
    fi
  done
  ((failed == 0)) || exit 1
fi
step "done: $(ls "$out"/*.deb 2>/dev/null | tr '\n' ' ')"
