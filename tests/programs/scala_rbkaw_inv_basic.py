# Scala case "reduceByKeyAndWindow with inverse function - basic reduction" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration, slideDuration).checkpoint(Seconds(100))
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
#
# PySpark's reduceByKeyAndWindow with an inverse function (PythonReducedWindowedDStream)
# reduces a window shorter than 5 slides again from its batches; for this case that gives
# the same records as Scala's incremental reduction.
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRbkawInvBasic")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[('a', 1), ('a', 3)]])
result = stream.reduceByKeyAndWindow(lambda x, y: x + y, lambda x, y: x - y, windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
