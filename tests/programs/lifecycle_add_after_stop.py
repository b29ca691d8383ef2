# A stopped StreamingContext cannot get new DStreams either.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "AddAfterStop")
ssc = StreamingContext(sc, 1)
numbers = ssc.queueStream([[1, 2], [3]])
numbers.pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop(stopSparkContext=False)
numbers.filter(lambda x: x > 1).pprint()
