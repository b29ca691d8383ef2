# Scala case "groupByKeyAndWindow" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.groupByKeyAndWindow(windowDuration, slideDuration).map(x => (x._1, x._2.toSet)).persist()
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseGroupbykeyandwindow")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], [], [('a', 1)], [('a', 1), ('b', 1)], [('a', 1), ('b', 1), ('c', 1)], [('a', 1), ('b', 1)], [('a', 1)], []])
# PySpark groups with an inverse function, so a key whose values all left the window stays
# with an empty group; Scala's groupByKeyAndWindow (no inverse) drops it: filter those out.
result = (stream.groupByKeyAndWindow(windowDuration, slideDuration)
          .mapValues(sorted)
          .filter(lambda kv: len(kv[1]) > 0))


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
