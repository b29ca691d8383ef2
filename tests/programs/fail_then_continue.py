# Errors do not stop the StreamingContext: awaitTerminationOrTimeout re-raises the failed
# batch's error once, and later batches keep running (PySpark's
# test_failed_func_with_resetting_failure).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "FailThenContinue")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def parse(line):
    return 10 // int(line)


lines.map(parse).pprint()
ssc.start()
try:
    ssc.awaitTerminationOrTimeout(5)
except Exception as e:
    print("caught %s: %s" % (type(e).__name__, "ZeroDivisionError" in str(e)))
stopped = ssc.awaitTerminationOrTimeout(1.5)
print("stopped:", stopped)
ssc.stop()
