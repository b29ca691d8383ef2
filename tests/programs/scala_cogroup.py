# Scala case "cogroup" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   s1.map(x => (x, 1)).cogroup(s2.map(x => (x, "x"))).mapValues(x => (x._1.toSeq, x._2.toSeq))
# Each batch prints one line: its time, then its records as JSON (sorted: the case compares sets).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseCogroup")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([["a", "a", "b"], ["a", ""], [""], []])
stream2 = ssc.queueStream([["a", "a", "b"], ["b", ""], [], []])
result = (stream.map(lambda x: (x, 1))
          .cogroup(stream2.map(lambda x: (x, "x")))
          .mapValues(lambda vs: (list(vs[0]), list(vs[1]))))


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
