# Word counts over a sliding window: the last 3 seconds, every second. PySpark uses the inverse
# function (previous window + newest batch - oldest batch) only for windows of at least 5 slides;
# this one (3 slides) is added up from its three batches each time.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="WindowedWordCount")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint("checkpoint")  # the inverse-function window keeps state between batches
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    windowCounts = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 3, 1)
    # with the inverse function, words whose count fell to 0 would stay: hide them; sort for reading
    windowCounts.filter(lambda kv: kv[1] > 0).transform(lambda rdd: rdd.sortByKey()).pprint()
    ssc.start()
    ssc.awaitTermination()
