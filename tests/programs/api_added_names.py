# PySpark names that DStream Lab now has (pyspark/rdd.py, pyspark/context.py,
# pyspark/streaming/dstream.py): RDD.groupBy, mapPartitionsWithSplit (deprecated alias of
# mapPartitionsWithIndex, with PySpark's FutureWarning), reduceByKeyLocally, the job-group
# and local-property setters, DStream.slice. Checked by hand against PySpark's definitions.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "AddedNames")
rdd = sc.parallelize([1, 2, 3, 4, 5, 6, 7], 2)
print(sorted((k, sorted(v)) for k, v in rdd.groupBy(lambda x: x % 3).collect()))
print(rdd.groupBy(lambda x: x % 2, numPartitions=3).getNumPartitions())
print(rdd.mapPartitionsWithSplit(lambda i, it: [(i, sum(it))]).collect())
print(sorted(sc.parallelize([("a", 1), ("b", 2), ("a", 3)], 2).reduceByKeyLocally(lambda a, b: a + b).items()))
sc.setJobGroup("g1", "first group")
sc.setLocalProperty("custom", "v")
print(sc.getLocalProperty("spark.jobGroup.id"), sc.getLocalProperty("spark.job.description"),
      sc.getLocalProperty("custom"))
sc.setJobDescription("counting")
print(sc.getLocalProperty("spark.job.description"))

ssc = StreamingContext(sc, 1)
stream = ssc.queueStream([[1], [2, 2], [3, 3, 3], [4]])
stream.count().pprint()
ssc.remember(10)
ssc.start()
ssc.awaitTerminationOrTimeout(4.5)
t0 = sc.startTime / 1000.0
# Batches at t0+1 .. t0+4; slice(t0+2, t0+3) holds the second and third.
print([r.collect() for r in stream.slice(t0 + 2, t0 + 3)])
ssc.stop()
