# State with a timeout in PySpark: updateStateByKey keeps (total, idle batches) per word and
# returns None once a word has seen no data for 3 batches. (Spark's mapWithState with
# StateSpec.timeout does this for Scala and Java programs; PySpark has no mapWithState.)
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

IDLE_BATCHES = 3


def update(ones, state):
    # ones: this batch's 1s for the word; state: (total, idle batches), or None
    if ones:
        return (sum(ones) + (state[0] if state else 0), 0)
    total, idle = state
    if idle + 1 >= IDLE_BATCHES:
        return None  # timed out: the word leaves the state
    return (total, idle + 1)


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="StateWithTimeout")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint("checkpoint")
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    totals = pairs.updateStateByKey(update)
    totals.transform(lambda rdd: rdd.sortByKey()).pprint()  # (word, (total, idle batches))
    ssc.start()
    ssc.awaitTerminationOrTimeout(12.5)
    ssc.stop()
