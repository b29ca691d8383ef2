#!/usr/bin/env bash
# A simulated day through `dstreamlab run` (README "Reliability"): tests/bench/soak_wordcount.py
# (the word count with updateStateByKey and reduceByKeyAndWindow) with the auto-typer at 1,000
# English lines per second (--type english:1000), 86,400 one-second batches, run twice. Prints the
# resident memory sampled every 2 s of wall time (the first sample after warm-up, the largest,
# the last), the wall time, both fingerprints (they must be equal) and whether the outputs are
# byte-identical.
# Usage: tests/bench/day_soak.sh [BUILD_DIR] [SECONDS] [RATE]   (defaults: build, 86400, 1000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
seconds=${2:-86400}
rate=${3:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in 1 2; do
  start=$(date +%s.%N)
  ( cd "$work" && exec "$build/app/dstreamlab" run "$here/soak_wordcount.py" --type "english:$rate" \
      --seconds "$seconds" --start-time '2026-11-24 10:00:00' --fingerprint > "$work/out$run" 2> "$work/err$run" ) &
  pid=$!
  : > "$work/rss$run"
  while kill -0 "$pid" 2>/dev/null; do
    awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >> "$work/rss$run" || true
    sleep 2
  done
  wait "$pid"
  wall=$(python3 -c "import time; print('%.0f' % (time.time() - $start))")
  python3 - "$work/rss$run" "$run" "$wall" "$seconds" <<'PY'
import sys
rss = [int(x) / 1024 for x in open(sys.argv[1]).read().split()]
run, wall, seconds = sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
warm = rss[min(len(rss) - 1, 2)] if rss else 0  # 4-6 s in: state, windows and checkpoints in place
print("run %s: %d simulated s in %.0f s wall (%.0fx real time); RSS after warm-up %.1f MB, largest %.1f MB, "
      "last %.1f MB (%d samples)" % (run, seconds, wall, seconds / max(wall, 1), warm, max(rss or [0]), (rss or [0])[-1], len(rss)))
PY
  grep fingerprint "$work/err$run"
  grep -c -- '^Time: ' "$work/out$run" | sed 's/^/pprint blocks printed: /'
done
cmp -s "$work/out1" "$work/out2" && echo "output: identical" || { echo "output: DIFFERS"; exit 1; }
