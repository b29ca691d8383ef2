#!/usr/bin/env python3
"""Deterministic Zipf corpus as a dstreamlab input script: make_corpus.py WORDS SECONDS > FILE.

Vocabulary of 100,000 synthetic words, Zipf exponent 1.0, 10 words per line; lines are spread
evenly over SECONDS of simulated time ("SECONDS<TAB>TEXT" lines)."""
import bisect
import random
import sys


def main():
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    rng = random.Random(20261124)
    vocab = ["w%d" % i for i in range(100_000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    lines = words // 10
    out = sys.stdout
    for i in range(lines):
        t = seconds * i / lines
        picks = [vocab[bisect.bisect_left(cum, rng.random() * total)] for _ in range(10)]
        out.write("%.3f\t%s\n" % (t, " ".join(picks)))


if __name__ == "__main__":
    main()
