# PySpark checks a window operation's durations first (pyspark/streaming/dstream.py
# reduceByKeyAndWindow calls _validate_window_param before it uses func or invFunc, and
# reduceByWindow, countByWindow, countByValueAndWindow and groupByKeyAndWindow all go through
# reduceByKeyAndWindow), so a bad duration is the error reported even when the functions are
# None or not functions at all. Batch 1 s: the durations must be multiples of 1000 ms.
# The last line is a DStream Lab-only check: with valid durations PySpark accepts func=None
# and fails when the first batch runs; DStream Lab names the problem when the stream is defined.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WindowValidationOrder")
ssc = StreamingContext(sc, 1)
s = ssc.queueStream([[1]])
kv = s.map(lambda x: (x, 1))
tests = [
    ("reduceByKeyAndWindow(None, None, 0.1, 0.1)", lambda: kv.reduceByKeyAndWindow(None, None, 0.1, 0.1)),
    ("reduceByKeyAndWindow(None, None, 2, 0.5)", lambda: kv.reduceByKeyAndWindow(None, None, 2, 0.5)),
    ("reduceByKeyAndWindow(f, 'inv', 0.2, 1)", lambda: kv.reduceByKeyAndWindow(lambda a, b: a + b, "inv", 0.2, 1)),
    ("reduceByWindow(None, None, 0.1, 1)", lambda: s.reduceByWindow(None, None, 0.1, 1)),
    ("countByWindow(1.5, 1)", lambda: s.countByWindow(1.5, 1)),
    ("countByValueAndWindow(2, 0.3)", lambda: s.countByValueAndWindow(2, 0.3)),
    ("groupByKeyAndWindow(0.5, 1)", lambda: kv.groupByKeyAndWindow(0.5, 1)),
    ("reduceByKeyAndWindow(None, None, 2, 1)", lambda: kv.reduceByKeyAndWindow(None, None, 2, 1)),
]
for name, f in tests:
    try:
        f()
        print(name, "ok")
    except (ValueError, TypeError) as e:
        print(name, "%s:" % type(e).__name__, e)
