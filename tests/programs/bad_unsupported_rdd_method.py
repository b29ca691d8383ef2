# An RDD method DStream Lab does not simulate (pipe), used inside transform: the batch fails with
# the message naming it and why, at this file's line, and awaitTermination re-raises it.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "UnsupportedRddMethod")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
piped = lines.transform(lambda rdd: rdd.pipe("cat"))
piped.pprint()
ssc.start()
ssc.awaitTermination()
