# An RDD referenced inside a function shipped to executors: pickling it fails with PySpark's
# SPARK-5063 text (pyspark/rdd.py RDD.__getnewargs__, wrapped by CloudPickleSerializer.dumps
# as "Could not serialize object: Exception: ..."), at the program's line; exit status 1.
import sys

from pyspark import SparkContext

print("sys.executable:", sys.executable)
sc = SparkContext("local[2]", "RddInClosure")
rdd1 = sc.parallelize([1, 2, 3])
rdd2 = sc.parallelize([("a", 1), ("b", 2)])
print(rdd1.map(lambda x: rdd2.values().count() * x).collect())
