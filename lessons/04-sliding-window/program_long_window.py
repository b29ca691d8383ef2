# Lesson 4's variant: a window of 5 seconds sliding by 1. At 5 slides or more PySpark uses the
# inverse function: the previous window plus the newest batch minus the one that left, so words
# whose batches left stay in the window with count 0.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="WindowedWordCount")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint("checkpoint")  # the inverse-function window keeps state between batches
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    windowCounts = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1)
    # hide the words whose count fell back to 0; sort for reading
    visible = windowCounts.filter(lambda kv: kv[1] > 0)
    visible.transform(lambda rdd: rdd.sortByKey()).pprint()
    ssc.start()
    ssc.awaitTermination()
