#!/usr/bin/env python3
"""Independent reference for the word-count programs: what Spark prints, computed in plain Python.

It shares no code with DStream Lab. It reads a `dstreamlab run --input` file and prints what
the seed's network word count (flatMap(split " ") -> map((w, 1)) -> reduceByKey(+) -> pprint)
prints on Spark, from these rules:

- An input line is "SECONDS<TAB>TEXT" (a file with no tab at all: line i at (i + 1) * 0.1 s).
- The socket receiver connects 100 ms after ssc.start(): earlier lines arrive then.
- The first batch is at start + batch; a line that arrives at offset s belongs to the batch
  whose interval (t - batch, t] holds s (JobGenerator / RecurringTimer / BlockGenerator).
- The run ends with the last batch that holds input (dstreamlab run without --seconds); every
  batch up to it prints, an empty one as its header and a blank line (pprint, dstream.py).
- reduceByKey(func) uses defaultParallelism partitions (local[N] -> N); a key goes to partition
  portable_hash(key) % N (pyspark/rdd.py; str hashes with PYTHONHASHSEED=0, as DStream Lab and
  spark-submit's workers fix it); pprint's take() reads partition 0 first, then 1, ...; inside a
  partition keys keep the order in which the batch first saw them (the map-side combine and the
  reduce-side merge are insertion-ordered dicts, map outputs fetched in partition order).
- pprint(num): dashes, "Time: <local datetime>", dashes, at most num records printed with
  Python's str, "..." when there are more, then an empty line.

Usage: reference_wordcount.py INPUT [--partitions N] [--num K] [--batch S]
                                    [--start '2026-11-24 10:00:00'] [--seconds S]
"""

import argparse
import math
import os
import sys
from datetime import datetime, timedelta

RECEIVER_DELAY = 0.1


def ensure_hash_seed():
    # portable_hash of a str is Python's hash(); it must be the seeded one.
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)


def read_input(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [l[:-1] if l.endswith("\r") else l for l in lines]
    if not any("\t" in l for l in lines):
        return [(round((i + 1) * 100) / 1000.0, l) for i, l in enumerate(lines)]
    out = []
    for l in lines:
        if not l:
            continue
        secs, text = l.split("\t", 1)
        out.append((round(float(secs) * 1000) / 1000.0, text))
    return out


def batch_of(arrival, batch):
    # (t - batch, t]: the smallest k >= 1 with arrival <= k * batch (in ms to stay exact)
    ms, bms = round(arrival * 1000), round(batch * 1000)
    return max(1, -(-ms // bms))


def word_counts(lines, partitions):
    counts = {}
    for line in lines:
        for w in line.split(" "):
            counts[w] = counts.get(w, 0) + 1
    parts = [[] for _ in range(partitions)]
    for w, c in counts.items():
        parts[hash(w) % partitions].append((w, c))
    return [kv for p in parts for kv in p]


def time_str(t):
    return str(t)  # str(datetime): "2026-11-24 10:00:01" (".500000" when not whole)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--num", type=int, default=10)
    ap.add_argument("--batch", type=float, default=1.0)
    ap.add_argument("--start", default="2026-11-24 10:00:00")
    ap.add_argument("--seconds", type=float, default=None,
                    help="--seconds of the run: batches up to this offset, input or not")
    a = ap.parse_args()
    start = datetime.strptime(a.start, "%Y-%m-%d %H:%M:%S")
    batches = {}
    for secs, text in read_input(a.input):
        arrival = max(secs, RECEIVER_DELAY)
        if a.seconds is not None and arrival > a.seconds:
            continue
        batches.setdefault(batch_of(arrival, a.batch), []).append(text)
    if a.seconds is not None:
        last = int(math.floor(a.seconds / a.batch + 1e-9))
    else:
        last = max(batches) if batches else 0
    out = sys.stdout
    for k in range(1, last + 1):
        records = word_counts(batches.get(k, []), a.partitions)
        out.write("-------------------------------------------\n")
        out.write("Time: %s\n" % time_str(start + timedelta(seconds=k * a.batch)))
        out.write("-------------------------------------------\n")
        for r in records[:a.num]:
            out.write("%s\n" % (r,))
        if len(records) > a.num:
            out.write("...\n")
        out.write("\n")


if __name__ == "__main__":
    ensure_hash_seed()
    main()
