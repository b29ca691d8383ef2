# DStream Lab-only check (not a Spark program): docs/pyspark-api.md, the table of PySpark 3.5's
# public methods per class (audited against pyspark/context.py, rdd.py, broadcast.py,
# accumulators.py, statcounter.py, streaming/context.py, streaming/dstream.py), must agree with
# DStream Lab's pyspark package, so the page cannot drift:
#  - every public name of each class has a row;
#  - an "implemented" or "extension" row names a real attribute of the class;
#  - a "not supported" row raises NotImplementedError("CLASS.NAME is not supported in DStream
#    Lab: NOTE") with the row's note word for word, a "not yet" row NotImplementedError("CLASS.NAME
#    is part of PySpark, but DStream Lab does not simulate it yet.").
# It prints one count line per class; on any disagreement it prints it and exits with status 1.
import os
import re
import sys

from pyspark import Accumulator, AccumulatorParam, Broadcast, RDD, SparkContext
from pyspark.statcounter import StatCounter
from pyspark.streaming import DStream, StreamingContext

import pyspark

# The page beside the package's source tree (resources/python/pyspark -> docs/): found the same
# way when a test runs this program from a copy in a temporary folder.
DOC = os.path.join(os.path.dirname(os.path.abspath(pyspark.__file__)), "..", "..", "..", "docs", "pyspark-api.md")

sc = SparkContext("local[2]", "ApiDocTable")
ssc = StreamingContext(sc, 1)
instances = {
    "SparkContext": (SparkContext, sc),
    "RDD": (RDD, sc.parallelize([1])),
    "StreamingContext": (StreamingContext, ssc),
    "DStream": (DStream, ssc.queueStream([[1]])),
    "Broadcast": (Broadcast, sc.broadcast(1)),
    "Accumulator": (Accumulator, sc.accumulator(0)),
    "AccumulatorParam": (AccumulatorParam, AccumulatorParam()),
    "StatCounter": (StatCounter, StatCounter()),
}

tables = {}
current = None
with open(DOC, encoding="utf-8") as f:
    for line in f:
        m = re.match(r"## `(\w+)`\s*$", line)
        if m:
            current = tables.setdefault(m.group(1), {})
            continue
        m = re.match(r"\| `(\w+)` \| ([a-z ]+?) \|(.*)\|\s*$", line)
        if m and current is not None:
            current[m.group(1)] = (m.group(2), m.group(3).strip())

problems = []
if sorted(tables) != sorted(instances):
    problems.append("classes in the page: %s" % sorted(tables))
for cname in sorted(instances):
    cls, obj = instances[cname]
    rows = tables.get(cname, {})
    public = set(n for n in dir(cls) if not n.startswith("_"))
    for n in sorted(public - set(rows)):
        problems.append("%s.%s exists but has no row" % (cname, n))
    counts = {}
    for name, (status, note) in sorted(rows.items()):
        counts[status] = counts.get(status, 0) + 1
        if status in ("implemented", "extension"):
            if name not in public:
                problems.append("%s.%s is %s in the page but missing" % (cname, name, status))
            continue
        if status not in ("not supported", "not yet"):
            problems.append("%s.%s has an unknown status %r" % (cname, name, status))
            continue
        if name in public:
            problems.append("%s.%s is %s in the page but exists" % (cname, name, status))
            continue
        if status == "not yet":
            want = "%s.%s is part of PySpark, but DStream Lab does not simulate it yet." % (cname, name)
        else:
            want = "%s.%s is not supported in DStream Lab: %s" % (cname, name, note)
        try:
            getattr(obj, name)
            problems.append("%s.%s raised nothing" % (cname, name))
        except NotImplementedError as e:
            if str(e) != want:
                problems.append("%s.%s says %r, the page %r" % (cname, name, str(e), want))
    print("%s: %d rows (%s)" % (cname, len(rows), ", ".join("%d %s" % (counts[s], s) for s in sorted(counts))))

for p in problems:
    print("MISMATCH:", p)
if problems:
    sys.exit(1)
print("docs/pyspark-api.md agrees with the pyspark package")
