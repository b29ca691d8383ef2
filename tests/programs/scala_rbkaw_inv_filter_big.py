# Scala case "reduceByKeyAndWindow with inverse and filter functions - big test" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   val filterFunc = (p: (String, Int)) => p._2 != 0
#   s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration, slideDuration, filterFunc = filterFunc).persist().checkpoint(Seconds(100))
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRbkawInvFilterBig")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], [], [('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], []])
result = stream.reduceByKeyAndWindow(lambda x, y: x + y, lambda x, y: x - y, windowDuration, slideDuration,
                                     filterFunc=lambda kv: kv[1] != 0).cache()


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
