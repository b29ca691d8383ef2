# Scala case "window - larger window" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   (s: DStream[Int]) => s.window(windowDuration, slideDuration)
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseWindowLarger")
ssc = StreamingContext(sc, 1)
windowDuration, slideDuration = 4, 2

# The case's input, then empty batches up to the 8 batches the Scala test runs.
stream = ssc.queueStream([[0], [1], [2], [3], [4], [5], [], []])
result = stream.window(windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
