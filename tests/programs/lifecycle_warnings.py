# Misuses that only log a warning in Spark: stop() before start(), start() twice, stop()
# twice. None raises; getActive() follows the state.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "LifecycleWarnings")
early = StreamingContext(sc, 1)
early.stop(stopSparkContext=False)
print("stopped before start; active:", StreamingContext.getActive())

ssc = StreamingContext(sc, 1)
ssc.queueStream([[1], [2]]).count().pprint()
ssc.start()
ssc.start()
print("started twice; active is ssc:", StreamingContext.getActive() is ssc)
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop(stopSparkContext=False)
ssc.stop()
print("stopped twice; active:", StreamingContext.getActive())
print("terminated:", ssc.awaitTerminationOrTimeout(1))
