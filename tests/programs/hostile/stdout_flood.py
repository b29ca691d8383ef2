# Gigabytes written to stdout: `dstreamlab run` passes each write through (here to /dev/null)
# and keeps none of it, so the run stays far below --memory-limit (1024 MB, see .args) while
# 2 GB go by; a CLI that buffered the output would be stopped by the limit (exit status 1).
# A foreachRDD function's output is held until its job completes (as the driver's console
# shows it then), so it prints less.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

line = "x" * (10**6 - 1)
for i in range(2000):
    print(line)

sc = SparkContext("local[2]", "StdoutFlood")
ssc = StreamingContext(sc, 1)


def report(rdd):
    for i in range(50):
        print(line)


ssc.queueStream([["a"]]).foreachRDD(report)
ssc.start()
ssc.awaitTermination()
print("done")
