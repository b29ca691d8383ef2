# Scala case "window - non-overlapping window" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   (s: DStream[Int]) => s.window(windowDuration, slideDuration)
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseWindowNonOverlapping")
ssc = StreamingContext(sc, 1)
windowDuration, slideDuration = 2, 3

stream = ssc.queueStream([[0], [1], [2], [3], [4], [5]])
result = stream.window(windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


# QueueInputDStream dequeues when its RDD is computed, and the window (slide 3) asks only
# for the times it covers: this output computes the queue at every batch, as the Scala
# test's TestInputStream (input by batch time) does.
stream.foreachRDD(lambda rdd: None)
result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
