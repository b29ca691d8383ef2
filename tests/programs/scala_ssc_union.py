# Scala case "StreamingContext.union" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   s.context.union(Seq(s, s.map(_ + 4), s.map(_ + 8)))
# Each batch prints one line: its time, then its records as JSON.
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseSscUnion")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([[1, 2, 3, 4], [101, 102, 103, 104], [201, 202, 203, 204]])
result = ssc.union(stream, stream.map(lambda x: x + 4), stream.map(lambda x: x + 8))


def show(time, rdd):
    print(time, json.dumps(rdd.collect()))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
