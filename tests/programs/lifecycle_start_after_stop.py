# A StreamingContext cannot be restarted once stopped.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "StartAfterStop")
ssc = StreamingContext(sc, 1)
ssc.queueStream([["a"], ["b"]]).pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop(stopSparkContext=False)
print("stopped; starting again")
ssc.start()
