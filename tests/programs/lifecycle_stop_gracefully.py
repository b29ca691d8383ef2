# stop(stopGraceFully=True): the receiver stops at once, and every line it has received (in a
# block not yet in a batch, or still in its buffer) is processed before the context stops
# (JobGenerator.stop(processReceivedData = true)). A line sent after the stop is never received.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "StopGracefully")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def report(time, rdd):
    print(time, sorted(rdd.collect()))


lines.foreachRDD(report)
ssc.start()
print("stopped within 1.5 s:", ssc.awaitTerminationOrTimeout(1.5))
ssc.stop(stopSparkContext=False, stopGraceFully=True)
print("active after the stop:", StreamingContext.getActive())
