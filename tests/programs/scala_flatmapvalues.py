# Scala case "flatMapValues" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   s.map(x => (x, 1)).reduceByKey(_ + _).flatMapValues(x => Seq(x, x + 10))
# Each batch prints one line: its time, then its records as JSON (sorted: the case compares sets).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseFlatmapvalues")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([["a", "a", "b"], ["", ""], []])
result = stream.map(lambda x: (x, 1)).reduceByKey(lambda a, b: a + b).flatMapValues(lambda v: [v, v + 10])


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
