# What PySpark does with records that are not (key, value) pairs (pyspark/rdd.py, pyspark/join.py,
# pyspark/shuffle.py; Python 3.11's unpacking messages):
#  - the shuffles of reduceByKey/groupByKey/combineByKey (ExternalMerger.mergeValues) and of
#    partitionBy (add_shuffle_key) unpack with `for k, v in iterator`: 2-element sequences of any
#    kind pass (a 2-character str, a namedtuple) and come out as tuples; other shapes fail the
#    task with Python's ValueError/TypeError;
#  - mapValues and keys index kv[0], kv[1]: a longer tuple passes, an int fails;
#  - sortByKey into one partition of a one-partition RDD sorts without a shuffle, so the
#    records keep their type; into two partitions it shuffles (partitionBy), so they become tuples.
# Each line: the operation, then its result or the exception type and the worker's error line.
# Expected output derived by hand from those rules.
import re
from collections import namedtuple

from pyspark import SparkContext

sc = SparkContext("local[2]", "WrongShapes")
P = namedtuple("P", "k v")


def attempt(name, f):
    try:
        print(name, "->", f())
    except Exception as e:
        errors = re.findall(r"\b(\w+Error: [^\n]*)", str(e))
        print(name, "->", type(e).__name__, "|", errors[-1] if errors else str(e))


add = lambda a, b: a + b  # noqa: E731
attempt("reduceByKey([k, v, extra])", lambda: sc.parallelize([["a", 1, 2]]).reduceByKey(add).collect())
attempt("reduceByKey(int)", lambda: sc.parallelize([1, 2]).reduceByKey(add).collect())
attempt("partitionBy(('a',))", lambda: sc.parallelize([("a",)]).partitionBy(2).collect())
attempt("partitionBy(None)", lambda: sc.parallelize([None]).partitionBy(2).collect())
attempt("groupByKey('ab', 'cd')", lambda: sorted(sc.parallelize(["ab", "cd"]).groupByKey().mapValues(list).collect()))
attempt("mapValues(('a', 1, 2))", lambda: sc.parallelize([("a", 1, 2)]).mapValues(lambda v: v * 10).collect())
attempt("keys(int)", lambda: sc.parallelize([7]).keys().collect())
attempt("partitionBy(namedtuple)", lambda: sc.parallelize([P("a", 1)]).partitionBy(1).collect())
attempt("sortByKey one partition", lambda: sc.parallelize([["b", 1], ["a", 2]], 1).sortByKey().collect())
attempt("sortByKey two partitions", lambda: sc.parallelize([["b", 1], ["a", 2]], 2).sortByKey().collect())
sc.stop()
