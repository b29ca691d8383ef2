# Word counts over a sliding window: the last 3 seconds, recomputed every second. With an inverse
# function Spark updates the previous window (add the newest batch, subtract the oldest) instead
# of adding up all three batches again.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="WindowedWordCount")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint("checkpoint")  # the inverse-function window keeps state between batches
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    windowCounts = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 3, 1)
    # words whose count fell back to 0 stay in the window's state; hide them, sort for reading
    windowCounts.filter(lambda kv: kv[1] > 0).transform(lambda rdd: rdd.sortByKey()).pprint()
    ssc.start()
    ssc.awaitTermination()
