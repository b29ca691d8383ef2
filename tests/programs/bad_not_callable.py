# A value where a function is expected: the error names the operation and this line.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "NotCallable")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.map("word, 1")
pairs.pprint()
ssc.start()
ssc.awaitTermination()
