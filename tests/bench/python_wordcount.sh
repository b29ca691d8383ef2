#!/usr/bin/env bash
# Interpreted word count benchmark: the seed's network word count (Python lambdas) over a
# deterministic 10M-word Zipf corpus fed to its socket in 1-second batches, via `dstreamlab run`.
# Usage: tests/bench/python_wordcount.sh [BUILD_DIR] [WORDS]   (defaults: build, 10000000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
words=${2:-10000000}
seconds=$(( words / 1000000 ))
(( seconds > 0 )) || seconds=1
work="$build/bench-data"
mkdir -p "$work"
corpus="$work/corpus-$words.tsv"
[ -s "$corpus" ] || /usr/bin/python3 "$here/make_corpus.py" "$words" "$seconds" > "$corpus"
program="$root/tests/bench/wordcount_bench.py"
# Warm the page cache, then time the run (the corpus is parsed inside the timed run).
cat "$corpus" > /dev/null
/usr/bin/time -f "%e %U %S" -o "$work/time.txt" \
  "$build/app/dstreamlab" run "$program" --input "$corpus" --start-time '2026-11-24 10:00:00' > "$work/out.txt"
read -r wall user sys < "$work/time.txt"
python3 - "$words" "$wall" "$user" "$sys" <<'PY'
import sys
words, wall, user, sys_ = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
cpu = user + sys_
print("words=%d wall=%.2fs cpu=%.2fs  ->  %.0f words/s (wall), %.0f words/s per CPU-second"
      % (words, wall, cpu, words / wall, words / cpu))
PY
