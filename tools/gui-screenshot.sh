#!/usr/bin/env bash
# Remakes the README's screenshot of the desktop server: tutti-server-gui under Xvfb with two real
# Jamulus clients connected (Alice playing a tone, so her level meter moves). The window grabs
# itself (Qt, test hook TUTTI_TEST_GUI_SCREENSHOT) while tests/interop/interop_gui.py runs.
#
# Usage: tools/gui-screenshot.sh [output.png]   (default docs/images/desktop-server.png)
# Needs a build (build/tutti-server-gui) and what the interop tests need: Xvfb, jackd, jack tools,
# the Jamulus client (tools/install-deps.sh installs them).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo_root/docs/images/desktop-server.png}"
bin="${TUTTI_SERVER_GUI_BIN:-$repo_root/build/tutti-server-gui}"
if [ ! -x "$bin" ]; then
  echo "gui-screenshot.sh: $bin not found; build it first (cmake --build build --target tutti-server-gui)" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
rm -f "$out"
TUTTI_GUI_SCREENSHOT="$(realpath -m "$out")" \
  python3 "$repo_root/tests/interop/interop_gui.py" --server-bin "$bin"
if [ ! -s "$out" ]; then
  echo "gui-screenshot.sh: no screenshot was made (see the test output above)" >&2
  exit 1
fi
echo "gui-screenshot.sh: wrote $out"
