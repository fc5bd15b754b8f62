#!/usr/bin/env bash
# One entry point for a fresh Debian bookworm machine (run as root from the repository):
#   bash tools/bootstrap.sh run    install dependencies, build, start tutti-server on port 22124
#   bash tools/bootstrap.sh test   install dependencies, build, run every test
# Extra arguments after `run` are passed to tutti-server.
set -euo pipefail

mode=${1:-}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

setup() {
  bash tools/install-deps.sh
  bash tools/fetch-opus.sh
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  cmake --build build -j "$jobs"
}

case "$mode" in
  run)
    setup
    exec ./build/tutti-server -n "$@"
    ;;
  test)
    setup
    bash tools/check-format.sh
    bash tools/check-scripts.sh
    # The sanitizer builds link the main build's libopus rather than compiling their own.
    opus_reuse=()
    if [ -f build/third_party/opus-install/lib/libopus.a ]; then
      opus_reuse=(-DTUTTI_OPUS_PREBUILT_DIR="$root/build/third_party/opus-install")
    fi
    # The unit tests (the million-datagram fuzz test among them) also run under
    # AddressSanitizer/UBSan, and the threaded engine tests under ThreadSanitizer.
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTUTTI_SANITIZE=address "${opus_reuse[@]}"
    cmake --build build-asan -j "$jobs" --target tutti_protocol_tests tutti_audio_tests \
      tutti_net_tests tutti_engine_tests tutti_server_tests tutti_control_tests tutti_rpc_tests \
      tutti_mixout_tests
    for t in protocol/tutti_protocol_tests audio/tutti_audio_tests net/tutti_net_tests \
      engine/tutti_engine_tests \
      server/tutti_server_tests control/tutti_control_tests rpc/tutti_rpc_tests \
      mixout/tutti_mixout_tests; do
      ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "./build-asan/tests/unit/$t" --gtest_brief=1
    done
    cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTUTTI_SANITIZE=thread "${opus_reuse[@]}"
    cmake --build build-tsan -j "$jobs" --target tutti_engine_tests tutti_mixout_tests
    TSAN_OPTIONS=halt_on_error=1 ./build-tsan/tests/unit/engine/tutti_engine_tests --gtest_brief=1
    # The mix-out ring's two-thread hand-off (the drift simulations are single-threaded).
    TSAN_OPTIONS=halt_on_error=1 ./build-tsan/tests/unit/mixout/tutti_mixout_tests --gtest_brief=1 \
      --gtest_filter='FrameRing.*'
    (cd build && ctest --output-on-failure --timeout 600 -j 1)
    # The Debian package, built, installed and run as systemd would (TUTTI_SKIP_PACKAGE_TEST=1
    # skips it; the ARM cross builds are not part of CI: tools/cross-build.sh).
    if [ -z "${TUTTI_SKIP_PACKAGE_TEST:-}" ]; then
      timeout 1200 bash tools/package-test.sh
    fi
    ;;
  *)
    echo "usage: bash tools/bootstrap.sh run|test [tutti-server options]" >&2
    exit 2
    ;;
esac
