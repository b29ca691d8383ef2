# An RDD method DStream Lab does not simulate, used inside transform: the batch fails with the
# message at this file's line and awaitTermination re-raises it.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "UnsupportedRddMethod")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
sampled = lines.transform(lambda rdd: rdd.sample(False, 0.5))
sampled.pprint()
ssc.start()
ssc.awaitTermination()
