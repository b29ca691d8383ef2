# Scala case "countByWindow" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.countByWindow(windowDuration, slideDuration).map(_.toInt)
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
#
# PySpark difference: countByWindow is reduceByWindow(add, sub) over (1, 1) pairs, i.e.
# an inverse reduceByKeyAndWindow; with a window shorter than 5 slides PySpark
# reduces each window again (PythonReducedWindowedDStream.compute), so an empty
# window gives no record instead of 0.
# pyspark-expected batch 6: []
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseCountbywindow")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[1], [1], [1, 2], [0], [], []])
result = stream.countByWindow(windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
