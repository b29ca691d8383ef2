# ssc.stop() called from inside a foreachRDD function: everything the function printed before
# stopping still reaches stdout, the context stops, and awaitTermination() returns.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "StopInsideForeachRDD")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def report(time, rdd):
    n = rdd.count()
    print("batch", time, n)
    if n > 1:
        print("stopping at", time)
        ssc.stop(False)


lines.foreachRDD(report)
ssc.start()
ssc.awaitTermination()
print("after awaitTermination:", StreamingContext.getActive())
