# Scala case "updateStateByKey - with initial value RDD" (scala_cases.json, from BasicOperationsSuite.scala) in PySpark.
#   val newUpdateFunc = (iterator: Iterator[(String, Seq[Int], Option[Int])]) =>
#     iterator.flatMap(t => updateFunc(t._2, t._3).map(s => (t._1, s)))
#   s.map(x => (x, 1)).updateStateByKey[Int](newUpdateFunc, new HashPartitioner(numInputPartitions), true, initialRDD)
# PySpark has no iterator-based updateStateByKey (pyspark/streaming/dstream.py takes
# updateFunc(values, state) only): the program runs the per-key function the iterator
# variant applies (updateFunc(t._2, t._3) for each key), with the same initial RDD.
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseUpdatestatebykeyInitialIterator")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)

stream = ssc.queueStream([["a"], ["a", "b"], ["a", "b", "c"], ["a", "b"], ["a"], []])
initial = sc.parallelize([("a", 1), ("c", 2)])
result = stream.map(lambda x: (x, 1)).updateStateByKey(
    lambda values, state: sum(values) + (state or 0), initialRDD=initial)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
