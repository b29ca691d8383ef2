# The remember duration can be set once (DStreamGraph.remember).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "RememberTwice")
ssc = StreamingContext(sc, 1)
ssc.remember(10)
print("remember(10) accepted")
ssc.remember(20)
