# reduceByWindow without and with an inverse function, window 5 s = 5 x the slide (PySpark:
# map((1, x)).reduceByKeyAndWindow(f, invF, w, s, 1).map(value)). Without the inverse the
# window is the union of its batches, re-reduced: empty once the data has left. With it the
# previous result is updated and the single key stays, at 0.
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

checkpointDir = tempfile.TemporaryDirectory(prefix="dstreamlab-rbw-")
sc = SparkContext("local[2]", "ReduceByWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir.name)
numbers = ssc.queueStream([sc.parallelize(b, 1) for b in [[1, 2], [3], [4, 5]]])
numbers.reduceByWindow(lambda a, b: a + b, None, 5, 1).foreachRDD(
    lambda t, rdd: print("plain", t.strftime("%S"), rdd.collect()))
numbers.reduceByWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1).foreachRDD(
    lambda t, rdd: print("inverse", t.strftime("%S"), rdd.collect()))
ssc.start()
ssc.awaitTerminationOrTimeout(9.5)
ssc.stop()
