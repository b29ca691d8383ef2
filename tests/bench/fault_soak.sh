#!/usr/bin/env bash
# Faults at scale: the course's word count for 10,000 one-second batches (a line every 0.5 s)
# with a fault every 100 s (kill-receiver 0 and slow-executor 0 1.5 in turn), run twice through
# `dstreamlab run`. Prints both fingerprints (they must be equal) and how many times faster than
# real time the simulation ran (simulated seconds / wall seconds of the slower run).
# Usage: tests/bench/fault_soak.sh [BUILD_DIR] [SECONDS]   (defaults: build, 10000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
seconds=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$seconds" "$work" <<'PY'
import sys
seconds, work = int(sys.argv[1]), sys.argv[2]
with open(work + "/input.txt", "w") as f:
    for i in range(1, seconds * 2):
        f.write("%.1f\tspark streaming word count line %d\n" % (i * 0.5, i % 50))
with open(work + "/faults.tsv", "w") as f:
    for k in range(1, seconds // 100):
        f.write("%.2f\t%s\n" % (k * 100 + 0.35, "kill-receiver 0" if k % 2 else "slow-executor 0 1.5"))
PY
slowest=0
for run in 1 2; do
  /usr/bin/time -f "%e %M" -o "$work/time$run" "$build/app/dstreamlab" run "$root/tests/programs/wordcount.py" \
    --input "$work/input.txt" --faults "$work/faults.tsv" --start-time '2026-11-24 10:00:00' \
    --seconds "$seconds" --fingerprint > "$work/out$run" 2> "$work/err$run"
  read -r wall rss < "$work/time$run"
  echo "run $run: $(grep fingerprint "$work/err$run"), wall ${wall} s, max RSS ${rss} KB, $(grep -c 'Receiver has been stopped' "$work/err$run") receivers killed"
  slowest=$(python3 -c "print(max($slowest, $wall))")
done
cmp -s "$work/out1" "$work/out2" && echo "output: identical" || { echo "output: DIFFERS"; exit 1; }
python3 -c "print('simulated %d s in at most %.2f s of wall time: %.0fx real time' % ($seconds, $slowest, $seconds / $slowest))"
