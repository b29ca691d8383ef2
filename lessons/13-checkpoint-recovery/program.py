# Lesson 13: a driver that can be restarted, after Spark's
# examples/src/main/python/streaming/recoverable_network_wordcount.py. createContext() builds the
# StreamingContext; StreamingContext.getOrCreate calls it only when the checkpoint folder holds no
# checkpoint. A restarted driver rebuilds its DStreams and running totals from the checkpoint
# instead, and its batch times continue from there.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

CHECKPOINT = "checkpoint"  # relative: the folder the program runs in


def updateTotal(newCounts, total):
    # newCounts: this batch's counts of the word (maybe none); total: None for a new word
    return sum(newCounts) + (total or 0)


def createContext():
    # Printed only for a new context: a driver recovered from the checkpoint never calls createContext
    print("Creating new context")
    sc = SparkContext("local[2]", appName="RecoverableWordCount")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(CHECKPOINT)  # the metadata and the state go here
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    wordCounts = pairs.reduceByKey(lambda a, b: a + b)
    totals = wordCounts.updateStateByKey(updateTotal)
    totals.transform(lambda rdd: rdd.sortByKey()).pprint()  # sorted by word, for reading
    return ssc


if __name__ == "__main__":
    ssc = StreamingContext.getOrCreate(CHECKPOINT, createContext)
    ssc.start()
    ssc.awaitTermination()
