# A 3-element record given to reduceByKey in a stream: PySpark's map-side combine unpacks it with
# `for k, v in iterator` (pyspark/shuffle.py ExternalMerger.mergeValues), the task fails with
# Python's "too many values to unpack" and awaitTermination re-raises the batch's failure.
# The first batch prints nothing: its job fails before pprint prints its header.
from operator import add

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WrongShapeStream")
ssc = StreamingContext(sc, 1)
words = ssc.queueStream([["a b"]]).flatMap(lambda line: line.split())
words.map(lambda w: [w, 1, "extra"]).reduceByKey(add).pprint()
ssc.start()
ssc.awaitTermination()
