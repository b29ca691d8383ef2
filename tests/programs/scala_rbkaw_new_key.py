# Scala case "reduceByKeyAndWindow - new key added into window" (scala_cases.json, from WindowOperationsSuite.scala) in PySpark.
#   s.reduceByKeyAndWindow((x: Int, y: Int) => x + y, windowDuration, slideDuration)
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRbkawNewKey")
ssc = StreamingContext(sc, 1)
windowDuration, slideDuration = 2, 1

stream = ssc.queueStream([[('a', 1)], [('a', 1), ('b', 1)]])
result = stream.reduceByKeyAndWindow(lambda x, y: x + y, None, windowDuration, slideDuration)


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
