# Transformations alone do nothing: start() needs at least one output operation
# (DStreamGraph.validate), and a failed start marks the context as stopped.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "NoOutput")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
ssc.start()
ssc.awaitTermination()
