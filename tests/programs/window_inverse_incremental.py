# Windows with an inverse function where the window is >= 5 x the slide: PySpark's
# PythonReducedWindowedDStream then updates the previous window (minus the batch leaving, plus
# the batch arriving) instead of reducing the whole window again. Without a filterFunc a key
# stays at 0 after its values leave (also countByWindow's single key, and groupByKeyAndWindow's
# lists, which become empty); countByValueAndWindow filters counts > 0. Windows keep sliding
# after the input stops.
import json
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

checkpointDir = tempfile.TemporaryDirectory(prefix="dstreamlab-window-")
sc = SparkContext("local[2]", "InverseWindow")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir.name)
words = ssc.queueStream([sc.parallelize(b, 1) for b in [["a", "b"], ["a"], ["c"]]])


def show(tag):
    def f(t, rdd):
        print(tag, t.strftime("%S"), json.dumps(sorted(rdd.collect(), key=repr)))
    return f


pairs = words.map(lambda w: (w, 1))
pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1).foreachRDD(show("inv"))
pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1,
                           filterFunc=lambda kv: kv[1] > 0).foreachRDD(show("filt"))
words.countByValueAndWindow(5, 1).foreachRDD(show("cbvw"))
words.countByWindow(5, 1).foreachRDD(show("cbw"))
pairs.groupByKeyAndWindow(5, 1).mapValues(list).foreachRDD(show("gbkw"))
ssc.start()
ssc.awaitTerminationOrTimeout(10.5)
ssc.stop()
