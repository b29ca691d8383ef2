# A second StreamingContext on the same SparkContext reads `nc -lk 9999` again: a new connection
# gets only what nc sends from then on. Lines the first connection took are not sent again,
# even the one its receiver had not stored when stop() (not graceful) dropped it (b).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "SecondSocketContext")


def report(time, rdd):
    print(time, sorted(rdd.collect()))


ssc = StreamingContext(sc, 1)
ssc.socketTextStream("localhost", 9999).foreachRDD(report)
ssc.start()
print("stopped within 1.5 s:", ssc.awaitTerminationOrTimeout(1.5))
ssc.stop(stopSparkContext=False)

ssc2 = StreamingContext(sc, 1)
ssc2.socketTextStream("localhost", 9999).foreachRDD(report)
ssc2.start()
print("stopped within 4 s:", ssc2.awaitTerminationOrTimeout(4))
ssc2.stop()
