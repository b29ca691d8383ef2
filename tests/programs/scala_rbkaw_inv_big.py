# Scala case "reduceByKeyAndWindow with inverse function - big test" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration, slideDuration).checkpoint(Seconds(100))
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
#
# PySpark difference: PySpark's reduceByKeyAndWindow with an inverse function
# (PythonReducedWindowedDStream.compute) only subtracts when the window is at least 5
# slides long; a shorter window is reduced again from its batches, so keys whose values
# left the window disappear instead of staying with 0. Those batches are checked
# against the lines below; all others against the case's "expected".
# pyspark-expected batch 5: [["a", 2], ["b", 1]]
# pyspark-expected batch 6: [["a", 1]]
# pyspark-expected batch 7: [["a", 1]]
# pyspark-expected batch 8: [["a", 2], ["b", 1]]
# pyspark-expected batch 11: [["a", 2], ["b", 1]]
# pyspark-expected batch 12: [["a", 1]]
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRbkawInvBig")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], [], [('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], []])
result = stream.reduceByKeyAndWindow(lambda x, y: x + y, lambda x, y: x - y, windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
