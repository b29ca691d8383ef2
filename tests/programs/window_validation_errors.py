# PySpark's window checks (DStream._validate_window_param), made when the DStream is defined:
# the window and slide must be multiples of the parent's slide (here the 2 s batch), else a
# ValueError naming the parent's duration in ms. Every windowed operation goes through it.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WindowValidation")
ssc = StreamingContext(sc, 2)
s = ssc.queueStream([sc.parallelize([1])])
kv = s.map(lambda x: (x, 1))
tests = [
    ("window(3, 2)", lambda: s.window(3, 2)),
    ("window(4, 3)", lambda: s.window(4, 3)),
    ("window(2.5, 2)", lambda: s.window(2.5, 2)),
    ("window(4, 2)", lambda: s.window(4, 2)),
    ("reduceByKeyAndWindow(f, None, 3, 2)", lambda: kv.reduceByKeyAndWindow(lambda a, b: a + b, None, 3, 2)),
    ("reduceByKeyAndWindow(f, inv, 4, 3)", lambda: kv.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 4, 3)),
    ("countByWindow(3, 2)", lambda: s.countByWindow(3, 2)),
    ("countByValueAndWindow(4, 3)", lambda: s.countByValueAndWindow(4, 3)),
    ("groupByKeyAndWindow(3, 2)", lambda: kv.groupByKeyAndWindow(3, 2)),
    ("reduceByWindow(f, None, 3, 2)", lambda: s.reduceByWindow(lambda a, b: a + b, None, 3, 2)),
]
for name, f in tests:
    try:
        f()
        print(name, "ok")
    except ValueError as e:
        print(name, "ValueError:", e)
