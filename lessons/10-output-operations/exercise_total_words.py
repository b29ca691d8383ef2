# Lesson 10's exercise, solved: foreachRDD reports how many words the batch had in all (the sum
# of the counts) instead of how many distinct words.
import os

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def report(time, rdd):
    # runs on the driver; rdd.count() is an action, so it runs a job on the executors
    saved = len([d for d in os.listdir("out") if d.startswith("counts-")])
    print("%s: %d words, %d directories saved so far" % (time, rdd.values().sum(), saved))


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="OutputOperations")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)
    counts = lines.flatMap(lambda line: line.split(" ")) \
        .map(lambda word: (word, 1)) \
        .reduceByKey(lambda a, b: a + b)

    counts.pprint(3)                           # only the first 3 records, then "..."
    counts.saveAsTextFiles("out/counts", "txt")  # out/counts-<batch time in ms>.txt/part-0000N
    counts.foreachRDD(report)
    ssc.start()
    ssc.awaitTermination()
