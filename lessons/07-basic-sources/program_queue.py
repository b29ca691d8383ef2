# A queue of RDDs as the input source, as tests and demos use it: with oneAtATime=True (the
# default) each batch takes the next RDD from the queue; when the queue is empty, batches are empty.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[1]", appName="QueueSource")
    ssc = StreamingContext(sc, 1)
    rdds = [sc.parallelize(["hello spark", "hello streaming"]),
            sc.parallelize(["queue"]),
            sc.parallelize(["one", "RDD", "per", "batch"])]
    lines = ssc.queueStream(rdds)
    words = lines.flatMap(lambda line: line.split(" "))
    words.pprint()
    ssc.start()
    ssc.awaitTerminationOrTimeout(4.5)
    ssc.stop()
