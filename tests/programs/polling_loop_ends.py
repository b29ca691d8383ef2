# A polling loop that can never see anything again (the queue is drained, no socket input)
# is ended by DStream Lab after a few idle waits, saying so on stderr; on Spark it would poll
# forever. The same loop with input left keeps going (the batches of 10:00:01 and 10:00:02).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "PollingLoop")
ssc = StreamingContext(sc, 1)
ssc.queueStream([["a"], ["b", "c"]]).count().pprint()
ssc.start()
stopped = False
while not stopped:
    stopped = ssc.awaitTerminationOrTimeout(1)
print("never printed: the loop has no end")
