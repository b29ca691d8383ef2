# Two batches fail while the driver sleeps. Spark's ContextWaiter keeps the error last reported
# (notifyError: error = e), and waitForStopOrError throws it at once, on every call, even after
# stop ("If already had error, then throw it" comes before returning `stopped`). Checked by
# hand: a queueStream of five one-record batches at 10:00:01..05; batches 2 and 4 fail.
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "FailErrorKept")
ssc = StreamingContext(sc, 1)


def check(x):
    if x == 2:
        raise ValueError("first problem")
    if x == 4:
        raise KeyError("second problem")
    return x


ssc.queueStream([[1], [2], [3], [4], [5]]).map(check).pprint()
ssc.start()
time.sleep(5.5)
print("slept until", time.strftime("%H:%M:%S"))
for attempt in (1, 2):
    try:
        ssc.awaitTerminationOrTimeout(10)
        print("no error")
    except Exception as e:
        print("attempt %d raised at %s: second problem %s, first problem %s"
              % (attempt, time.strftime("%H:%M:%S"), "second problem" in str(e), "first problem" in str(e)))
ssc.stop(stopSparkContext=False)
try:
    ssc.awaitTermination()
    print("no error after stop")
except Exception as e:
    print("raised after stop: second problem %s" % ("second problem" in str(e)))
