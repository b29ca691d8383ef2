# The driver's clocks follow simulated time, as time.sleep does (a test harness that polls
# time.time() while sleeping behaves as on Spark): the 5-second loop runs 5 sleeps and about
# 5 batches, not thousands, and every run prints the same. Checked by hand: the start time is
# 2026-11-24 10:00:00 UTC (epoch 1795514400), batches every second from 10:00:01.
import datetime
import time
from datetime import datetime as DateTime

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "SimulatedClock")
ssc = StreamingContext(sc, 1)
ssc.queueStream([["a"], ["b"], ["c"]]).count().pprint()
print("epoch seconds at start:", time.time())
ssc.start()
t0, m0, p0 = time.time(), time.monotonic(), time.perf_counter()
deadline = time.time() + 5
sleeps = 0
while time.time() < deadline:
    time.sleep(1)
    sleeps += 1
print("sleeps:", sleeps)
print("time.time elapsed:", time.time() - t0)
print("monotonic elapsed:", time.monotonic() - m0, "perf_counter elapsed:", time.perf_counter() - p0)
print("datetime.now():", DateTime.now(), "today:", datetime.date.today())
print("utcnow:", datetime.datetime.utcnow(), "strftime:", time.strftime("%H:%M:%S"))
print("isinstance:", isinstance(DateTime.now(), datetime.datetime), type(DateTime.now()).__name__)
ssc.stop()
