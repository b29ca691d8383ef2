# stop(stopSparkContext=False) keeps the SparkContext, which a new StreamingContext can reuse
# (programming guide, "Points to remember"); the default stop() stops the SparkContext too.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ReuseSparkContext")
ssc = StreamingContext(sc, 1)
ssc.queueStream([[1, 2], [3]]).pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop(False)
print("first context stopped; active:", StreamingContext.getActive())
print("SparkContext still works:", sc.parallelize([1, 2, 3]).map(lambda x: x * x).collect())

ssc2 = StreamingContext(sc, 2)
ssc2.queueStream([["x", "y"], ["z"]]).map(lambda s: s.upper()).pprint()
ssc2.start()
print("second context active:", StreamingContext.getActive() is ssc2)
ssc2.awaitTerminationOrTimeout(4.5)
ssc2.stop()
print("both stopped; active:", StreamingContext.getActive())
