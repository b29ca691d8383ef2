#!/usr/bin/env bash
# Set up (install what is missing, configure, build) and run the whole DStream Lab test suite.
#
# Usage: scripts/run-tests.sh [CTEST_ARGS...]   e.g. scripts/run-tests.sh -R tst_value -V
# Exits with ctest's status. Tests run without a display (each sets QT_QPA_PLATFORM=offscreen).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"${repo_root}/scripts/setup.sh" --build-dir "${repo_root}/build"

printf '==> Running tests in %s\n' "${repo_root}/build"
# --no-tests=error: a suite that registered no test is a broken build, not a pass.
exec ctest --test-dir "${repo_root}/build" --output-on-failure -j2 --no-tests=error "$@"
