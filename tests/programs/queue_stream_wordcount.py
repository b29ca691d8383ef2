# A word count over a queueStream of RDDs, the usual way to test a streaming program without
# a socket: one RDD per batch; the run ends when the queue is empty.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "QueueWordCount")
ssc = StreamingContext(sc, 1)
batches = [["to be or not to be"], [], ["to see", "or not to see"]]
rdds = [sc.parallelize(lines) for lines in batches]
counts = (ssc.queueStream(rdds)
          .flatMap(lambda line: line.split(" "))
          .map(lambda w: (w, 1))
          .reduceByKey(lambda a, b: a + b))
counts.pprint()
ssc.start()
ssc.awaitTermination()
