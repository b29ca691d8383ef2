#!/usr/bin/env python3
"""The baseline of python_vs_plain.sh: the same three lambdas as wordcount_count.py applied by
plain CPython to the same corpus (an input script, "SECONDS<TAB>TEXT" lines), one dict per
1-second batch as reduceByKey's combine would build, then its size (count()).

Usage: plain_wordcount.py CORPUS  -> prints "words=N batches=B keys=K" (keys: summed over batches)."""
import sys

split = lambda line: line.split(" ")
pair = lambda word: (word, 1)
add = lambda x, y: x + y


def main(path):
    batches = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            sec, _, text = raw.rstrip("\n").partition("\t")
            batches.setdefault(int(float(sec)), []).append(text)
    words = keys = 0
    for second in sorted(batches):
        counts = {}
        get = counts.get
        for line in batches[second]:
            for w in split(line):
                k, v = pair(w)
                old = get(k, counts)
                counts[k] = v if old is counts else add(old, v)
                words += 1
        keys += len(counts)
    print("words=%d batches=%d keys=%d" % (words, len(batches), keys))


if __name__ == "__main__":
    main(sys.argv[1])
