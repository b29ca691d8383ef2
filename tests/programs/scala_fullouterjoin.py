# Scala case "fullOuterJoin" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   s1.map(x => (x, 1)).fullOuterJoin(s2.map(x => (x, "x")))
# Each batch prints one line: its time, then its records as JSON (sorted: the case compares sets).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseFullouterjoin")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([["a", "b"], ["a", ""], [""], []])
stream2 = ssc.queueStream([["a", "b"], ["b", ""], [], [""]])
result = stream.map(lambda x: (x, 1)).fullOuterJoin(stream2.map(lambda x: (x, "x")))


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
