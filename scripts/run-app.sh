#!/usr/bin/env bash
# Set up (install what is missing, configure, build) and start the DStream Lab app.
#
# Usage: scripts/run-app.sh [APP_ARGS...]   e.g. scripts/run-app.sh run program.py --seconds 10
# All arguments go to the app; the build tree is build/ at the repository root.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"${repo_root}/scripts/setup.sh" --build-dir "${repo_root}/build"

app="${repo_root}/build/app/dstreamlab"
if [[ ! -x "${app}" ]]; then
  echo "run-app.sh: the app was not built: ${app} is missing." >&2
  echo "run-app.sh: the build finished without the dstreamlab target (app/ may not be wired into CMake yet)." >&2
  exit 1
fi

# A window needs a display; say how to get one instead of leaving Qt's bare error.
if [[ $# -eq 0 && -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
  echo "run-app.sh: no DISPLAY or WAYLAND_DISPLAY set; the window may not open." >&2
  echo "run-app.sh: without a screen, try: xvfb-run -a scripts/run-app.sh, or QT_QPA_PLATFORM=offscreen." >&2
fi

exec "${app}" "$@"
