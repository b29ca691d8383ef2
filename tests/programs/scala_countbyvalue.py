# Scala case "countByValue" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   s.countByValue()
# Each batch prints one line: its time, then its records as JSON (sorted: the case compares sets).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseCountbyvalue")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([[1], [1, 1, 1], [1, 2], [1, 1, 2, 2]])
result = stream.countByValue()


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
