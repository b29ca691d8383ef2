# A user function that never returns: the task watchdog (--task-timeout, see .args) fails the
# task with a clear message instead of hanging the run.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "EndlessFunction")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def spin(line):
    while True: pass  # noqa: E701


lines.map(spin).pprint()
ssc.start()
ssc.awaitTermination()
