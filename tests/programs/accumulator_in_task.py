# Accumulator.value is driver-only (pyspark/accumulators.py, 3.5): a task that reads it gets
# PySparkRuntimeError VALUE_NOT_ACCESSIBLE; foreachRDD's function runs on the driver and reads
# it. Derived by hand: one queued RDD [1, 2] in batch 10:00:01, each record adds 1 in its task.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "AccumulatorInTask")
ssc = StreamingContext(sc, 1)
acc = sc.accumulator(0)


def peek(x):
    acc.add(1)
    try:
        return (x, acc.value)
    except Exception as e:
        return (x, "%s: %s" % (type(e).__name__, e))


def report(time, rdd):
    print(time, rdd.collect())
    print("driver reads", acc.value)


ssc.queueStream([sc.parallelize([1, 2], 1)]).map(peek).foreachRDD(report)
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop()
