# RDD actions of PySpark 3.5 (pyspark/rdd.py, pyspark/statcounter.py) on the driver. Most lines
# are the doctests of pyspark/rdd.py, whose expected values are PySpark's own; the rest were
# derived by hand from the code: stats() merges one StatCounter per partition ([1] and [2, 3]
# here: n = 3, mean 2.0, m2 = 2.0, so variance 2/3, stdev sqrt(2/3)); an empty RDD with two
# partitions has two empty StatCounters, so its mean is 0.0 and its variance nan; the
# approximate jobs complete, so they are exact (BoundedDouble(sum, 1.0, sum, sum) in Spark's
# SumEvaluator); lookup on a sortByKey result searches only the key's range partition.
from operator import add

from pyspark import SparkContext

sc = SparkContext("local[2]", "RddActions")


def show(name, f):
    try:
        print("%s: %r" % (name, f()))
    except Exception as e:
        print("%s: %s: %s" % (name, type(e).__name__, e))


seqOp = (lambda x, y: (x[0] + y, x[1] + 1))
combOp = (lambda x, y: (x[0] + y[0], x[1] + y[1]))
show("aggregate", lambda: sc.parallelize([1, 2, 3, 4]).aggregate((0, 0), seqOp, combOp))
show("aggregate empty", lambda: sc.parallelize([]).aggregate((0, 0), seqOp, combOp))
show("fold", lambda: sc.parallelize([1, 2, 3, 4, 5]).fold(0, add))
tree = sc.parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10)
show("treeAggregate depth 1, 2, 5, 10", lambda: [tree.treeAggregate(0, add, add, d) for d in (1, 2, 5, 10)])
show("treeReduce depth 1, 2, 5, 10", lambda: [tree.treeReduce(add, d) for d in (1, 2, 5, 10)])
show("treeReduce depth 0", lambda: tree.treeReduce(add, 0))
show("reduce empty", lambda: sc.parallelize([]).reduce(add))
floats = sc.parallelize([1.0, 5.0, 43.0, 10.0])
show("max", floats.max)
show("max key=str", lambda: floats.max(key=str))
show("min key=str", lambda: sc.parallelize([2.0, 5.0, 43.0, 10.0]).min(key=str))
show("sum", lambda: sc.parallelize([1.0, 2.0, 3.0]).sum())
nums = sc.parallelize([1, 2, 3])
show("stats", nums.stats)
show("mean", nums.mean)
show("variance", nums.variance)
show("stdev", nums.stdev)
show("sampleStdev", nums.sampleStdev)
show("sampleVariance", nums.sampleVariance)
show("stats().asDict()", lambda: sorted(nums.stats().asDict().items()))
show("mean empty", lambda: sc.parallelize([]).mean())
show("variance empty", lambda: sc.parallelize([]).variance())
r51 = sc.parallelize(range(51))
show("histogram(2)", lambda: r51.histogram(2))
show("histogram([0, 5, 25, 50])", lambda: r51.histogram([0, 5, 25, 50]))
show("histogram([0, 15, 30, 45, 60])", lambda: r51.histogram([0, 15, 30, 45, 60]))
show("histogram(('a', 'b', 'c'))", lambda: sc.parallelize(["ab", "ac", "b", "bd", "ef"]).histogram(("a", "b", "c")))
show("histogram([1])", lambda: r51.histogram([1]))
cbv = sc.parallelize([1, 2, 1, 2, 2], 2).countByValue()
show("countByValue", lambda: (type(cbv).__name__, sorted(cbv.items())))
pairs = sc.parallelize([("a", 1), ("b", 1), ("a", 1)])
show("countByKey", lambda: sorted(pairs.countByKey().items()))
show("reduceByKeyLocally", lambda: sorted(pairs.reduceByKeyLocally(add).items()))
show("collectAsMap", lambda: sc.parallelize([(1, 2), (3, 4)]).collectAsMap())
show("top(1)", lambda: sc.parallelize([10, 4, 2, 12, 3]).top(1))
show("top(2)", lambda: sc.parallelize([2, 3, 4, 5, 6], 2).top(2))
show("top(3, key=str)", lambda: sc.parallelize([10, 4, 2, 12, 3]).top(3, key=str))
show("takeOrdered(6)", lambda: sc.parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7]).takeOrdered(6))
show("takeOrdered(6, key=-x)", lambda: sc.parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7], 2).takeOrdered(6, key=lambda x: -x))
show("takeOrdered empty", lambda: sc.emptyRDD().takeOrdered(3))
show("takeOrdered(-1)", lambda: sc.parallelize([1]).takeOrdered(-1))
show("first", lambda: sc.parallelize([2, 3, 4]).first())
show("first empty", lambda: sc.parallelize([]).first())
show("isEmpty", lambda: (sc.parallelize([]).isEmpty(), sc.parallelize([1]).isEmpty()))
l = range(1000)
kv = sc.parallelize(list(zip(l, l)), 10)
show("lookup(42)", lambda: kv.lookup(42))
ranged = kv.sortByKey()
show("sortByKey().lookup(42)", lambda: ranged.lookup(42))
show("sortByKey().lookup(1024)", lambda: ranged.lookup(1024))
show("groupByKey().lookup(('a', 'b'))",
     lambda: list(sc.parallelize([(("a", "b"), "c")]).groupByKey().lookup(("a", "b"))[0]))
big = sc.parallelize(range(1000), 10)
show("countApprox", lambda: big.countApprox(1000, 1.0))
s = big.sumApprox(1000)
show("sumApprox", lambda: (s, s.confidence, s.low, s.high))
show("meanApprox", lambda: big.meanApprox(1000))
show("toLocalIterator", lambda: list(sc.parallelize(range(10)).toLocalIterator()))
six = sc.parallelize(range(6), 3)
show("runJob", lambda: sc.runJob(six, lambda part: [x * x for x in part]))
show("runJob [0, 2]", lambda: sc.runJob(six, lambda part: [x * x for x in part], [0, 2], True))
sc.stop()
