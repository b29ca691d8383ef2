# ssc.stop() stops the SparkContext too, and PySpark 3.5's SparkContext.stop() sets
# self._jsc = None: sc.parallelize(data) starts with self.defaultParallelism, which reads
# self._jsc.sc(), so it fails in Python with an AttributeError, not in the JVM.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "StoppedSparkContext")
ssc = StreamingContext(sc, 1)
ssc.queueStream([[1, 2, 3]]).count().pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop()
for name in ("defaultParallelism", "applicationId"):
    try:
        getattr(sc, name)
    except AttributeError as e:
        print(name, "after stop:", e)
print(sc.parallelize([1, 2, 3]).count())
