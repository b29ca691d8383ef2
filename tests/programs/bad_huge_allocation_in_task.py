# One huge allocation inside a task (100 GB): refused with MemoryError at the function's line;
# the task, the job and the batch fail, and awaitTermination() raises, as for any error in a
# task (docs/hostile-programs.md).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "HugeAllocationInTask")
ssc = StreamingContext(sc, 1)


def explode(x):
    return len(bytearray(10**11))


ssc.queueStream([[1]]).map(explode).pprint()
ssc.start()
ssc.awaitTermination()
