# cache()/persist() mark a DStream's RDDs for storage: each batch's RDD is persisted at that
# level, and the DStream is still usable by several output operations.
from pyspark import SparkContext, StorageLevel
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "Persist")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" ")).cache()
lengths = words.map(len).persist(StorageLevel.MEMORY_AND_DISK)
print("cached:", words.is_cached, lengths.is_cached)
print("same context:", words.context() is ssc)


def show(time, rdd):
    print(time, "storage level:", rdd.getStorageLevel(), "words:", rdd.collect())


words.foreachRDD(show)
lengths.foreachRDD(lambda rdd: print("  level:", repr(rdd.getStorageLevel()), "total length:", rdd.sum()))
words.count().pprint()
ssc.start()
ssc.awaitTermination()
