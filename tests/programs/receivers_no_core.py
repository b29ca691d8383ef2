# local[2] with two socket receivers: each receiver holds one of the two cores for good, so
# no core is left for the batches' jobs (Spark Streaming Programming Guide, "Points to
# remember"). Spark warns only for local/local[1]; DStream Lab says it for this case too,
# and the run ends once the input is received. No pprint output: no job ever runs.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "NoCoreLeft")
ssc = StreamingContext(sc, 1)
a = ssc.socketTextStream("localhost", 9999)
b = ssc.socketTextStream("localhost", 9998)
a.union(b).count().pprint()
ssc.start()
ssc.awaitTermination()
