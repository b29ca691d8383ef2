# A foreachRDD function that never returns but keeps starting jobs, each of 2 tasks that sleep
# 0.1 s (well within the budget, --task-timeout 0.5 here, even in a sanitizer build on a loaded
# machine). Its own time between jobs is a few ms, and its clock stops while each job runs, so its
# own budget would take long to run out. The watchdog also stops a driver call at 12 times the
# budget of real time in all (6.0 s), naming the function and its line.
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "EndlessJobsInForeachRDD")
ssc = StreamingContext(sc, 1)


def slow(x):
    time.sleep(0.1)
    return x


def report(rdd):
    n = 0
    while True:
        n += rdd.map(slow).count()


ssc.queueStream([sc.parallelize(["a", "b"], 2)]).foreachRDD(report)
ssc.start()
ssc.awaitTermination()
