# Once a StreamingContext has started, no new DStreams or output operations can be added
# (DStream.validateAtInit).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "AddAfterStart")
ssc = StreamingContext(sc, 1)
numbers = ssc.queueStream([[1, 2], [3]])
numbers.pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
numbers.map(lambda x: x * 10).pprint()
ssc.awaitTermination()
