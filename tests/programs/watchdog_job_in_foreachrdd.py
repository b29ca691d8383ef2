# The watchdog's budget (--task-timeout 0.5 here) is per call of the user's code. A foreachRDD
# function runs on the driver, and the job it starts runs tasks: each task has a budget of its
# own, and the driver function's clock stops while its job runs. Here each of 4 tasks sleeps
# 0.2 s, so the job takes 0.8 s of real time, more than the budget, while no single call of
# user code does: the batch must succeed.
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WatchdogJobInForeachRDD")
ssc = StreamingContext(sc, 1)


def slow(x):
    time.sleep(0.2)
    return x


def report(t, rdd):
    print(t.strftime("%H:%M:%S"), "sum", rdd.map(slow).sum())


rdd = sc.parallelize([1, 2, 3, 4], 4)
ssc.queueStream([rdd], oneAtATime=True).foreachRDD(report)
ssc.start()
ssc.awaitTerminationOrTimeout(2)
ssc.stop()
