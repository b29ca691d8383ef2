# mapWithState (DStream Lab only: Scala/Java in Spark) with StateSpec.timeout(3),
# .numPartitions(3) and .initialState: the initial state's update time is the first batch;
# idle keys are found only on checkpoint batches (every 10 batches: MapWithStateRDD's full scan
# at an RDD checkpoint), where the function is called with state.isTimingOut() and the key is
# dropped. The mapped stream holds what the function returned, stateSnapshots() every state.
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

checkpointDir = tempfile.TemporaryDirectory(prefix="dstreamlab-mws-")
sc = SparkContext("local[2]", "MapWithStateOptions")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir.name)
data = [["a", "b"], ["a"], ["c"], [], [], [], [], [], ["a"], [], [], []]
words = ssc.queueStream([sc.parallelize(b, 1) for b in data])


def track(t, word, one, state):
    if state.isTimingOut():
        return ("TIMEOUT", word, state.get())
    total = (one or 0) + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


spec = StateSpec.function(track).timeout(3).numPartitions(3).initialState(sc.parallelize([("z", 100)]))
mapped = words.map(lambda w: (w, 1)).mapWithState(spec)
mapped.foreachRDD(lambda t, r: print(t.strftime("%S"), "mapped", sorted(r.collect(), key=repr), r.getNumPartitions()))
mapped.stateSnapshots().foreachRDD(lambda t, r: print(t.strftime("%S"), "snap", sorted(r.collect())))
ssc.start()
ssc.awaitTerminationOrTimeout(12.5)
ssc.stop()
