# As lifecycle_lazy_after_start, on a stopped context: map() returns, foreachRDD() raises
# (DStream.validateAtInit's STOPPED case). The SparkContext stays up (stopSparkContext=False).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "LazyAfterStop")
ssc = StreamingContext(sc, 1)
numbers = ssc.queueStream([[1, 2], [3]])
numbers.pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop(stopSparkContext=False)
doubled = numbers.map(lambda x: x * 2)
print("map after stop: no error")
doubled.foreachRDD(lambda rdd: print(rdd.collect()))
