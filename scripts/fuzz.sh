#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz, clang-14, DSTREAMLAB_FUZZ=ON) and runs each for
# FUZZ_SECONDS (default 60) from a copy of its seed corpus; prints executions and crashes per
# target and exits non-zero when any target crashed (docs/fuzzing.md).
#
#   scripts/fuzz.sh                  every target, 60 s each
#   FUZZ_SECONDS=10 scripts/fuzz.sh  shorter
#   scripts/fuzz.sh value faults     only these targets
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
ALL_TARGETS=(inputscript kafkascript faults lesson journal checkpoint lineframer sqltranslate value)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPython3_ROOT_DIR=/usr -DPython3_FIND_STRATEGY=LOCATION -DDSTREAMLAB_FUZZ=ON
fi
# Only the fuzz targets and the libraries they link: never the app, the GUI or the tests.
nice ninja -C "$BUILD" -j"${FUZZ_JOBS:-2}" fuzz

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dstreamlab-fuzz.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ARTIFACTS=${FUZZ_ARTIFACTS:-$ROOT/$BUILD/fuzz-artifacts}
mkdir -p "$ARTIFACTS"

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

failed=0
printf '%-14s %12s %10s  %s\n' target executions exec/s result
for t in "${TARGETS[@]}"; do
  bin="$BUILD/tests/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "no fuzz target '$t' (known: ${ALL_TARGETS[*]})" >&2; exit 2; }
  # The seeds, and the target's regressions, are copied: new corpus entries go to the temp
  # folder, never into the repository.
  corpus="$WORK/$t"
  mkdir -p "$corpus"
  cp "tests/data/fuzz/$t/"* "$corpus/"
  cp tests/data/fuzz/regressions/"$t"-* "$corpus/" 2>/dev/null || true
  log="$WORK/$t.log"
  rc=0
  "$bin" "$corpus" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$t-" > "$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
  if [ "$rc" -eq 0 ]; then
    printf '%-14s %12s %10s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "crashes: 0"
  else
    failed=1
    printf '%-14s %12s %10s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "CRASH (exit $rc): ${crash:-see log}"
    grep -E 'ERROR|fuzz invariant|runtime error|Traceback|AssertionError|SUMMARY' "$log" | head -20 | sed 's/^/    /'
    cp "$log" "$ARTIFACTS/$t.log"
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "fuzzing found crashes: inputs and logs in $ARTIFACTS (add each fixed one to tests/data/fuzz/regressions)"
  exit 1
fi
echo "fuzzing: ${#TARGETS[@]} targets, ${SECONDS_EACH} s each, crashes: 0"
