# Memory that grows without end inside a task: MemoryLimitExceeded is raised in the function at
# the line it is running; the task, the job and the batch fail and awaitTermination() raises,
# as for any error in a task (--task-timeout 600: the memory limit, not the watchdog's clock,
# stops it).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "MemoryGrowthInTask")
ssc = StreamingContext(sc, 1)


def hoard(x):
    kept = []
    while True: kept.append("x" * 10**6 + str(len(kept)))  # noqa: E701
    # (One line: the exception lands at the loop's jump or in its body, depending on the build.)


ssc.queueStream([[1]]).map(hoard).pprint()
ssc.start()
ssc.awaitTermination()
