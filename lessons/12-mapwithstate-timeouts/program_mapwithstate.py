# Lesson 12's variant: Spark's mapWithState with StateSpec.timeout, which exists in Scala and Java
# only. DStream Lab offers it in Python to compare with updateStateByKey and prints a WARN: this
# program does NOT run under spark-submit.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec


def track(word, one, state):
    # called only for words with data in this batch, and for words timing out
    if state.isTimingOut():
        return ("TIMEOUT", word, state.get())
    total = (one or 0) + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="StateWithTimeout")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint("checkpoint")
    lines = ssc.socketTextStream("localhost", 9999)
    pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
    mapped = pairs.mapWithState(StateSpec.function(track).timeout(3))  # 3 s without data
    snapshots = mapped.stateSnapshots()  # every word in the state, with its total
    mapped.pprint()
    snapshots.transform(lambda rdd: rdd.sortByKey()).pprint()
    ssc.start()
    ssc.awaitTerminationOrTimeout(12.5)
    ssc.stop()
