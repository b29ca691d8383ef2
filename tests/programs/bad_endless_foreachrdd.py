# A function given to foreachRDD runs on the driver, not in a task; one that never returns
# is stopped by the same watchdog as task functions (here --task-timeout 0.5), naming the
# function and its line, instead of hanging the app. The output operation and the batch
# fail, and awaitTermination re-raises as PySpark does (exit status 1).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "EndlessForeachRDD")
ssc = StreamingContext(sc, 1)


def report(rdd):
    n = rdd.count()
    print("count", n)
    while n > 0:
        n += 1


ssc.queueStream([[], ["a"]]).foreachRDD(report)
ssc.start()
ssc.awaitTermination()
