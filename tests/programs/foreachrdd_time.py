# foreachRDD with func(time, rdd): the function runs on the driver once per batch, with the
# batch time as a datetime; empty batches call it too (with an empty RDD).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ForeachRDDTime")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))


def report(time, rdd):
    data = rdd.collect()
    print("batch %s (%s, %d partitions): %s" % (time.strftime("%H:%M:%S"), type(time).__name__,
                                                rdd.getNumPartitions(), sorted(data)))


def perBatch(rdd):
    # the one-argument form works too
    print("  words in this batch:", rdd.count())


words.foreachRDD(report)
words.foreachRDD(perBatch)
ssc.start()
ssc.awaitTermination()
