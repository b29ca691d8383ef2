#!/usr/bin/env bash
# ThreadSanitizer run of the tests that exercise DStream Lab's threads: the watchdog thread and
# Ctrl-C/Stop (tst_pyinterrupt, tst_pycapture's endless programs), the session's worker thread and
# its hand-over to the GUI thread (tst_programsession, tst_faultsession, tst_driverrestart), the
# socket threads (tst_realsockets, tst_classport).
#
# Usage: scripts/tsan.sh [--build-dir DIR]   (default build-tsan; configured and built as needed)
#
# Debian's Qt (and GLib under it) is not built with -fsanitize=thread, so TSan cannot see Qt's own
# locks (QMutex is futex based): tests/tsan.supp tells TSan to ignore the libc calls those
# libraries make (called_from_lib), each with the reports that made it necessary. Our own code
# uses std::mutex and std::atomic, which TSan does see, and every access it makes is checked, on
# any thread: a report fails the run (halt_on_error). What passes and why: docs/fuzzing.md,
# "ThreadSanitizer".
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${repo_root}/build-tsan"
if [[ "${1:-}" == "--build-dir" && -n "${2:-}" ]]; then build_dir="$2"; fi

tests=(tst_pyinterrupt tst_pycapture tst_programsession tst_faultsession tst_driverrestart tst_realsockets tst_classport)

if [[ ! -f "${build_dir}/CMakeCache.txt" ]]; then
  cmake -S "${repo_root}" -B "${build_dir}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPython3_ROOT_DIR=/usr -DPython3_FIND_STRATEGY=LOCATION -DDSTREAMLAB_TSAN=ON
fi
ninja -C "${build_dir}" dstreamlab "${tests[@]}"

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=${repo_root}/tests/tsan.supp"
regex="^($(IFS='|'; echo "${tests[*]}"))\$"
ctest --test-dir "${build_dir}" --output-on-failure -j1 -R "${regex}"
