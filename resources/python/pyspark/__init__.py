"""DStream Lab's pyspark: PySpark's public API for streaming programs, run on a simulated Spark.

Programs written against it are ordinary PySpark programs: they run unchanged with
spark-submit on a real cluster.
"""

from pyspark.accumulators import Accumulator, AccumulatorParam
from pyspark.broadcast import Broadcast
from pyspark.conf import SparkConf
from pyspark.context import SparkContext
from pyspark.rdd import RDD
from pyspark.storagelevel import StorageLevel

__version__ = "2.4.8"
__all__ = ["SparkConf", "SparkContext", "RDD", "StorageLevel", "Broadcast", "Accumulator",
           "AccumulatorParam"]
