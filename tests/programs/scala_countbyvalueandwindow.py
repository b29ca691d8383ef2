# Scala case "countByValueAndWindow" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.countByValueAndWindow(windowDuration, slideDuration).map(x => (x._1, x._2.toInt))
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseCountbyvalueandwindow")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([["a"], ["b", "b"], ["a", "b"]])
result = stream.countByValueAndWindow(windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
