"""An independent model of the Kafka word count (kafka_direct_wordcount.py): Kafka's default
partitioner (murmur2 written from Kafka's Utils.murmur2, checked against UtilsTest's vectors;
null keys take the partitions in turn), a direct stream created at the start with
"auto.offset.reset" = "largest" whose batch t reads every partition up to the messages produced
by t, and reduceByKey over the 2 Kafka partitions (portable_hash = hash() under
PYTHONHASHSEED=0, map outputs merged in partition order, keys in first-seen order), printed as
pprint does. It shares no code with DStream Lab.

Usage: PYTHONHASHSEED=0 reference_kafka.py MESSAGES  (SECONDS<TAB>[KEY<TAB>]VALUE lines; batches
at 2, 4 and 6 s after 2026-11-24 10:00:00; the offsets of each message and batch on stderr)."""
import sys
def murmur2(data):
    length = len(data); seed = 0x9747b28c; m = 0x5bd1e995; r = 24; M = 0xffffffff
    h = (seed ^ length) & M
    for i in range(length // 4):
        k = data[4*i] | data[4*i+1] << 8 | data[4*i+2] << 16 | data[4*i+3] << 24
        k = (k * m) & M; k ^= k >> r; k = (k * m) & M
        h = (h * m) & M; h ^= k
    rem = length % 4; t = length & ~3
    if rem >= 3: h ^= data[t+2] << 16
    if rem >= 2: h ^= data[t+1] << 8
    if rem >= 1: h ^= data[t]; h = (h * m) & M
    h ^= h >> 13; h = (h * m) & M; h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h
assert murmur2(b"foobar") == -790332482 and murmur2(b"21") == -973932308
msgs = []
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    t = float(parts[0]); key = parts[1] if len(parts) == 3 else None; val = parts[-1]
    msgs.append((t, key, val))
P = 2; rr = 0; logs = [[] for _ in range(P)]
for t, key, val in msgs:
    if key is None: p = rr; rr = (rr + 1) % P
    else: p = (murmur2(key.encode()) & 0x7fffffff) % P
    logs[p].append((t, key, val))
    print("message", repr(val), "key", key, "-> partition", p, "offset", len(logs[p]) - 1, file=sys.stderr)
cur = [0] * P
for bt in (2, 4, 6):
    maps = []
    for p in range(P):
        until = sum(1 for m in logs[p] if m[0] <= bt)
        d = {}
        for (_, _, v) in logs[p][cur[p]:until]:
            for w in v.split(" "):
                d[w] = d.get(w, 0) + 1
        print("batch", bt, "partition", p, "offsets", cur[p], "to", until, file=sys.stderr)
        cur[p] = until
        maps.append(d)
    out = []
    for rp in range(2):
        d = {}
        for mo in maps:
            for k, v in mo.items():
                if hash(k) % 2 == rp: d[k] = d.get(k, 0) + v
        out.extend(d.items())
    print("-------------------------------------------")
    print("Time: 2026-11-24 10:00:0%d" % bt)
    print("-------------------------------------------")
    for r in out: print(r)
    print("")
