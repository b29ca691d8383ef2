#!/usr/bin/env bash
# The PySpark runner against plain CPython, in one run: the course's word count (flatMap split
# -> map (w, 1) -> reduceByKey, with count() so every partition is computed) via `dstreamlab
# run`, and the same three lambdas applied by plain CPython (plain_wordcount.py: one dict per
# 1-second batch, as the map-side combine builds) to the same corpus. Both are timed as process
# CPU time (user + sys: start-up, reading the corpus and all processing), alternating, ROUNDS
# times; the minimum of each is compared (goal: simulator / plain <= 1.5).
# Usage: tests/bench/python_vs_plain.sh [BUILD_DIR] [WORDS] [ROUNDS]   (build 10000000 3)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
words=${2:-10000000}
rounds=${3:-3}
seconds=$(( words / 1000000 ))
(( seconds > 0 )) || seconds=1
work="$build/bench-data"
mkdir -p "$work"
corpus="$work/corpus-$words.tsv"
[ -s "$corpus" ] || /usr/bin/python3 "$here/make_corpus.py" "$words" "$seconds" > "$corpus"
cat "$corpus" > /dev/null   # warm the page cache
cpu() { # command... -> prints user+sys seconds
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" > "$work/out.txt"
  awk '{ printf "%.2f\n", $1 + $2 }' "$work/time.txt"
}
sim=() plain=()
for ((i = 1; i <= rounds; i++)); do
  plain+=("$(cpu /usr/bin/python3 "$here/plain_wordcount.py" "$corpus")")
  sim+=("$(cpu "$build/app/dstreamlab" run "$here/wordcount_count.py" --input "$corpus" --start-time '2026-11-24 10:00:00')")
done
/usr/bin/python3 - "$words" "${plain[*]}" "${sim[*]}" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
words = int(sys.argv[1])
plain = [float(x) for x in sys.argv[2].split()]
sim = [float(x) for x in sys.argv[3].split()]
p, s = min(plain), min(sim)
print("corpus: %d words; %d rounds; load average %s" % (words, len(plain), sys.argv[4]))
print("plain CPython  CPU s: %s  -> min %.2f s = %.2fM words per CPU-second" % (" ".join("%.2f" % x for x in plain), p, words / p / 1e6))
print("dstreamlab run CPU s: %s  -> min %.2f s = %.2fM words per CPU-second" % (" ".join("%.2f" % x for x in sim), s, words / s / 1e6))
print("ratio dstreamlab / plain: %.2f (goal <= 1.5)" % (s / p))
PY
