# A program that never awaits: time.sleep lets the batches run, two of them fail, and nothing on
# the driver raises. Spark reports each failed job to the context (JobScheduler.reportError, an
# ERROR log line) and only awaitTermination*() would rethrow it; later batches run as usual.
# The program ends normally: exit status 0. Checked by hand: batch k (10:00:0k) gets the line
# sent at k - 0.5 s; "0" fails with ZeroDivisionError, "x" with ValueError.
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "FailSleepThenStop")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def parse(line):
    return 10 // int(line)


lines.map(parse).pprint()
ssc.start()
time.sleep(5.5)
print("slept until", time.strftime("%H:%M:%S"))
ssc.stop()
print("stopped")
