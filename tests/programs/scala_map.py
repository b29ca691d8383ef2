# Scala case "map" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   r.map(_.toString)
# Each batch prints one line: its time, then its records as JSON.
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseMap")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
result = stream.map(str)


def show(time, rdd):
    print(time, json.dumps(rdd.collect()))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
