# queueStream: oneAtATime=False takes every queued RDD in the first batch (a union), later
# batches get an empty RDD; a default RDD is used once the queue is empty; changes to the
# list after the stream is created are not seen (QueueInputDStream.compute; pyspark's
# queueStream docstring).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "QueueModes")
ssc = StreamingContext(sc, 1)

rdds = [sc.parallelize([1, 2]), sc.parallelize([3]), sc.parallelize([4, 5, 6])]
allAtOnce = ssc.queueStream(rdds, oneAtATime=False)
allAtOnce.map(lambda x: ("all", x)).pprint()

withDefault = ssc.queueStream([[10], [20]], default=[0])
withDefault.map(lambda x: ("one", x)).pprint()

later = [["first"]]
fixed = ssc.queueStream(later)
later.append(["never seen"])
fixed.pprint()

ssc.start()
ssc.awaitTerminationOrTimeout(3.5)
ssc.stop()
