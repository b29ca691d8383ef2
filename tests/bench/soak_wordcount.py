# The soak's program (README "Reliability"): the course's network word count with state and a
# window, for a simulated day at 1,000 lines/s. Running totals with updateStateByKey (checkpointed
# every 10 batches, Spark's default for a 1 s batch), and the counts of the last 30 s every 10 s
# with reduceByKeyAndWindow and its inverse function (its own checkpointed state).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def update_total(new_values, last_total):
    return sum(new_values) + (last_total or 0)


sc = SparkContext("local[2]", "SoakWordCount")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
totals = pairs.updateStateByKey(update_total)
totals.transform(lambda rdd: rdd.sortBy(lambda kv: -kv[1])).pprint(5)
windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 30, 10)
windowed.filter(lambda kv: kv[1] > 0).transform(lambda rdd: rdd.sortBy(lambda kv: -kv[1])).pprint(5)
ssc.start()
ssc.awaitTermination()
