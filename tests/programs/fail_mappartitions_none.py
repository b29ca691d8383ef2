# A partition function must return an iterable; one that returns None fails its task with
# Python's own TypeError, as in PySpark (worker.py iterates the function's result:
# "TypeError: 'NoneType' object is not iterable"), and the action raises at the user's line.
from pyspark import SparkContext

sc = SparkContext("local[2]", "MapPartitionsNone")
rdd = sc.parallelize([1, 2, 3], 2)
print(rdd.mapPartitions(lambda it: None).collect())
