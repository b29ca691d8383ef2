# PySpark's pair records are duck-typed: its shuffles unpack every record with Python's
# `for k, v in iterator` (pyspark/rdd.py partitionBy's add_shuffle_key; pyspark/shuffle.py
# ExternalMerger.mergeValues, behind combineByKey, reduceByKey and groupByKey), and
# mapValues/join index kv[0], kv[1] (pyspark/rdd.py mapValues, pyspark/join.py). So
# map(lambda w: [w, 1]) makes records that every *ByKey, join, partitionBy, state and window
# operation accepts, and what the shuffles return are tuples, as in PySpark.
# Expected output derived by hand: three batches "a b a", "b c", "a" (one queued RDD each, its
# one line in the second of two slices); hash partitioning with PYTHONHASHSEED=0 puts "a" in
# partition 1 and "b", "c" in partition 0 of 2.
import shutil
import tempfile
from operator import add, sub

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "DuckTypedPairs")
ssc = StreamingContext(sc, 1)
checkpoints = tempfile.mkdtemp()
ssc.checkpoint(checkpoints)
words = ssc.queueStream([["a b a"], ["b c"], ["a"]]).flatMap(lambda line: line.split())
pairs = words.map(lambda w: [w, 1])


def show(name, f):
    def out(t, rdd):
        print("%s %s: %s" % (t.strftime("%H:%M:%S"), name, f(rdd)))
    return out


pairs.reduceByKey(add, 1).pprint()
pairs.reduceByKey(add).foreachRDD(show("reduceByKey", lambda r: sorted(r.collect())))
pairs.groupByKey().mapValues(sorted).foreachRDD(show("groupByKey", lambda r: sorted(r.collect())))
pairs.combineByKey(lambda v: (v, 1), lambda c, v: (c[0] + v, c[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1])) \
    .foreachRDD(show("combineByKey", lambda r: sorted(r.collect())))
pairs.partitionBy(2).foreachRDD(show("partitionBy(2)", lambda r: r.glom().collect()))
# (The lookup RDD is made inside the function: a function that captured an RDD could not be
# pickled into the checkpoint, SPARK-5063.)
pairs.transform(lambda rdd: rdd.join(rdd.context.parallelize([["a", "x"], ["c", "z"]]))) \
    .foreachRDD(show("join", lambda r: sorted(r.collect())))
doubled = words.map(lambda w: [w, w * 2]).filter(lambda kv: kv[0] != "b")
pairs.leftOuterJoin(doubled).foreachRDD(show("leftOuterJoin", lambda r: sorted(r.collect())))
pairs.updateStateByKey(lambda vs, s: sum(vs) + (s or 0)) \
    .foreachRDD(show("updateStateByKey", lambda r: sorted(r.collect())))
pairs.reduceByKeyAndWindow(add, sub, 2, 1).foreachRDD(show("reduceByKeyAndWindow", lambda r: sorted(r.collect())))
pairs.groupByKeyAndWindow(2, 1).mapValues(sorted) \
    .foreachRDD(show("groupByKeyAndWindow", lambda r: sorted(r.collect())))
ssc.start()
ssc.awaitTerminationOrTimeout(3.5)
ssc.stop()
shutil.rmtree(checkpoints)
