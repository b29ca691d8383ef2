# A user function that raises inside a task: the task fails (local mode: spark.task.maxFailures
# is 1), the output operation and the batch fail, and ssc.awaitTermination() re-raises with a
# traceback that points at this file's lines.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "FailingFunction")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def parse(line):
    return 10 // int(line)


nums = lines.map(parse)
nums.pprint()
ssc.start()
ssc.awaitTermination()
