# PySpark builds a transformation's JVM DStream lazily (TransformedDStream._jdstream in
# pyspark/streaming/dstream.py): after start(), map() and filter() return without an error;
# the output operation builds the PythonTransformedDStream, whose DStream.validateAtInit raises.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "LazyAfterStart")
ssc = StreamingContext(sc, 1)
numbers = ssc.queueStream([[1, 2], [3]])
numbers.pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
tens = numbers.map(lambda x: x * 10).filter(lambda x: x > 10)
print("map and filter after start: no error")
tens.pprint()
ssc.awaitTermination()
