# After sc.stop(), PySpark 3.5 still builds RDDs lazily (rdd.map makes a PipelinedRDD in
# Python), but every action runs inside SCCallSiteSync, whose __enter__ calls
# self._context._jsc.setCallSite(...) (pyspark/traceback_utils.py); stop() set _jsc to None, so
# the action fails in Python with an AttributeError, before any JVM call.
from pyspark import SparkContext

sc = SparkContext("local[2]", "RddAfterStop")
rdd = sc.parallelize([1, 2, 3], 2)
print(rdd.map(lambda x: x * 10).collect())
sc.stop()
doubled = rdd.map(lambda x: x * 2)  # a transformation: no error yet
print("map after stop:", type(doubled).__name__)
for action in ("collect", "count", "first"):
    try:
        getattr(doubled, action)()
    except AttributeError as e:
        print(action, "after stop:", e)
print(doubled.take(2))
