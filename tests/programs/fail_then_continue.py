# A failed batch does not stop the StreamingContext: later batches keep running, and the error
# waits in the context (ContextWaiter): awaitTerminationOrTimeout raises it, and raises it again
# at once on the next call, since Spark's ContextWaiter never clears it (PySpark's
# test_failed_func_with_resetting_failure relies on both). time.sleep never raises it.
import time

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
    print("caught at %s: %s" % (time.strftime("%H:%M:%S"), "ZeroDivisionError" in str(e)))
time.sleep(1.5)
try:
    ssc.awaitTerminationOrTimeout(1.5)
except Exception as e:
    print("caught again at %s: %s" % (time.strftime("%H:%M:%S"), "ZeroDivisionError" in str(e)))
ssc.stop()
