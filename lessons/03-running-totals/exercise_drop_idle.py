# Lesson 3's exercise, solved: running word totals with updateStateByKey, where a word that got
# no new value in a batch is dropped from the state (the update function returns None).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def update_total(new_values, last_total):
    # new_values: this batch's 1s for the word (maybe none); last_total: None the first time
    if not new_values:
        return None  # a word not seen in this batch leaves the state
    return sum(new_values) + (last_total or 0)


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="StatefulNetworkWordCount")
    ssc = StreamingContext(sc, 1)
    # state is checkpointed: Spark refuses to start a stateful stream without a directory
    ssc.checkpoint("checkpoint")
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    totals = pairs.updateStateByKey(update_total)
    # sorted by word only to make the printout easy to read in class
    totals.transform(lambda rdd: rdd.sortByKey()).pprint()
    ssc.start()
    ssc.awaitTermination()
