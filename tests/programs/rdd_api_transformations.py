# RDD transformations of PySpark 3.5 (pyspark/rdd.py, pyspark/join.py) on the driver. Most
# lines are the doctests of pyspark/rdd.py (PySpark's own expected values); the partition
# layouts were derived by hand from the code:
#  - parallelize slices positions i*n/k .. (i+1)*n/k: [1, 2, 3] in 2 -> [1], [2, 3];
#  - cartesian: partition i * m + j holds partition i of the left times partition j of the right
#    (Spark's CartesianRDD);
#  - join/cogroup/intersection default to the partitions of both sides together (PySpark's
#    union(...).groupByKey(None));
#  - sortByKey(True, 2) of 5 keys samples them all (fraction min(40 / 5, 1) = 1): bounds
#    [sorted keys[int(5 * 1 / 2)]] = ['a'], bisect_left puts '1', '2', 'a' in partition 0;
#    descending uses n - 1 - p;
#  - partitionBy(2) on ints: hash(x) % 2, records in map-partition order;
#  - partitionBy again with an equal partitioner returns the same RDD.
from operator import add

from pyspark import SparkContext

sc = SparkContext("local[2]", "RddTransformations")


def show(name, f):
    try:
        print("%s: %r" % (name, f()))
    except Exception as e:
        msg = str(e)
        if "Can only zip RDDs" in msg:
            msg = "... Can only zip RDDs with same number of elements in each partition"
        print("%s: %s: %s" % (name, type(e).__name__, msg))


one_two = sc.parallelize([1, 2])
show("cartesian", lambda: sorted(one_two.cartesian(one_two).collect()))
left = sc.parallelize([1, 2, 3], 2)
right = sc.parallelize(["x", "y"], 2)
show("cartesian layout", lambda: left.cartesian(right).glom().collect())
show("distinct", lambda: sorted(sc.parallelize([1, 1, 2, 3]).distinct().collect()))
show("subtract", lambda: sorted(sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 3)]).subtract(
    sc.parallelize([("a", 3), ("c", None)])).collect()))
show("subtractByKey", lambda: sorted(sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 2)]).subtractByKey(
    sc.parallelize([("a", 3), ("c", None)])).collect()))
inter = sc.parallelize([1, 10, 2, 3, 4, 5]).intersection(sc.parallelize([1, 6, 2, 3, 7, 8]))
show("intersection", lambda: (sorted(inter.collect()), inter.getNumPartitions()))
show("zip", lambda: sc.parallelize(range(0, 5)).zip(sc.parallelize(range(1000, 1005))).collect())
show("zip partitions", lambda: sc.parallelize([1, 2], 2).zip(sc.parallelize([1, 2], 1)))
show("zip elements", lambda: sc.parallelize([1, 2, 3], 2).zip(sc.parallelize([1, 2], 2)).collect())
show("zipWithIndex", lambda: sc.parallelize(["a", "b", "c", "d"], 3).zipWithIndex().collect())
show("zipWithUniqueId", lambda: sc.parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect())
show("keys", lambda: sc.parallelize([(1, 2), (3, 4)]).keys().collect())
show("values", lambda: sc.parallelize([(1, 2), (3, 4)]).values().collect())
keyed = sc.parallelize(range(0, 3)).keyBy(lambda x: x * x)
others = sc.parallelize(list(zip(range(0, 5), range(0, 5))))
show("keyBy + cogroup", lambda: [(x, list(map(list, y))) for x, y in sorted(keyed.cogroup(others).collect())])
show("groupBy", lambda: sorted([(x, sorted(y)) for (x, y) in sc.parallelize([1, 1, 2, 3, 5, 8]).groupBy(lambda x: x % 2).collect()]))
show("mapValues", lambda: sc.parallelize([("a", ["apple", "banana", "lemon"]), ("b", ["grapes"])]).mapValues(len).collect())
show("flatMapValues", lambda: sc.parallelize([("a", ["x", "y", "z"]), ("b", ["p", "r"])]).flatMapValues(lambda x: x).collect())
abc = sc.parallelize([("a", 1), ("b", 1), ("a", 2)])
show("aggregateByKey", lambda: sorted(abc.aggregateByKey((0, 0), lambda x, y: (x[0] + y, x[1] + 1),
                                                          lambda x, y: (x[0] + y[0], x[1] + y[1])).collect()))
show("foldByKey", lambda: sorted(sc.parallelize([("a", 1), ("b", 1), ("a", 1)]).foldByKey(0, add).collect()))
show("combineByKey", lambda: sorted(abc.combineByKey(lambda a: [a], lambda a, b: a + [b], lambda a, b: a + b).collect()))
show("groupByKey", lambda: sorted(sc.parallelize([("a", 1), ("b", 1), ("a", 1)]).groupByKey().mapValues(len).collect()))
tmp = [("a", 1), ("b", 2), ("1", 3), ("d", 4), ("2", 5)]
show("sortBy x[0]", lambda: sc.parallelize(tmp).sortBy(lambda x: x[0]).collect())
show("sortBy x[1]", lambda: sc.parallelize(tmp).sortBy(lambda x: x[1]).collect())
show("sortByKey().first()", lambda: sc.parallelize(tmp).sortByKey().first())
show("sortByKey(True, 1)", lambda: sc.parallelize(tmp).sortByKey(True, 1).collect())
show("sortByKey(True, 2) layout", lambda: sc.parallelize(tmp).sortByKey(True, 2).glom().collect())
show("sortByKey(False, 2) layout", lambda: sc.parallelize(tmp).sortByKey(False, 2).glom().collect())
tmp2 = [("Mary", 1), ("had", 2), ("a", 3), ("little", 4), ("lamb", 5),
        ("whose", 6), ("fleece", 7), ("was", 8), ("white", 9)]
show("sortByKey(True, 3, keyfunc=lower)", lambda: sc.parallelize(tmp2).sortByKey(True, 3, keyfunc=lambda k: k.lower()).collect())
show("repartitionAndSortWithinPartitions", lambda: sc.parallelize([(0, 5), (3, 8), (2, 6), (0, 8), (3, 8), (1, 3)])
     .repartitionAndSortWithinPartitions(2, lambda x: x % 2, True).glom().collect())
show("glom", lambda: sorted(sc.parallelize([1, 2, 3, 4], 2).glom().collect()))
show("coalesce layout", lambda: sc.parallelize([1, 2, 3, 4, 5], 3).glom().collect())
show("coalesce(1)", lambda: sc.parallelize([1, 2, 3, 4, 5], 3).coalesce(1).glom().collect())
show("coalesce(0)", lambda: sc.parallelize([1]).coalesce(0))
r = sc.parallelize([1, 1, 2, 3])
show("union", lambda: r.union(r).collect())
show("+", lambda: (r + r).collect())
rdd1 = sc.parallelize([("a", 5), ("b", 6)])
rdd2 = sc.parallelize([("a", 1), ("b", 4)])
rdd3 = sc.parallelize([("a", 2)])
rdd4 = sc.parallelize([("b", 42)])
show("groupWith", lambda: [(x, tuple(map(list, y))) for x, y in sorted(list(rdd1.groupWith(rdd2, rdd3, rdd4).collect()))])
x = sc.parallelize([("a", 1), ("b", 4)])
y = sc.parallelize([("a", 2)])
show("cogroup", lambda: [(k, tuple(map(list, v))) for k, v in sorted(list(x.cogroup(y).collect()))])
show("join", lambda: sorted(x.join(sc.parallelize([("a", 2), ("a", 3)])).collect()))
show("join partitions", lambda: x.join(y).getNumPartitions())
show("leftOuterJoin", lambda: sorted(x.leftOuterJoin(y).collect()))
show("rightOuterJoin", lambda: sorted(y.rightOuterJoin(x).collect()))
show("fullOuterJoin", lambda: sorted(x.fullOuterJoin(sc.parallelize([("a", 2), ("c", 8)])).collect()))
ints = sc.parallelize([1, 2, 3, 4, 2, 4, 1]).map(lambda v: (v, v))
parted = ints.partitionBy(2)
show("partitionBy(2) layout", lambda: parted.glom().collect())
show("partitionBy(2) again is the same RDD", lambda: parted.partitionBy(2) is parted)
show("reduceByKey partitions", lambda: sc.parallelize([("a", 1)], 3).reduceByKey(add).getNumPartitions())
sc.stop()
