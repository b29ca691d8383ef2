# Running word counts across batches with updateStateByKey (the function is called for every
# key in every batch, with an empty list when the key had no new values), and the same with
# mapWithState (DStream Lab only: PySpark has no mapWithState), whose mapped stream holds only
# the keys of the batch while stateSnapshots() holds them all.
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-state-")
sc = SparkContext("local[2]", "RunningCount")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir)
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))


def update(newValues, runningCount):
    return sum(newValues) + (runningCount or 0)


pairs.updateStateByKey(update).transform(lambda rdd: rdd.sortByKey()).pprint()


def track(word, one, state):
    total = (one or 0) + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


mapped = pairs.mapWithState(StateSpec.function(track))
mapped.transform(lambda rdd: rdd.sortByKey()).pprint()
mapped.stateSnapshots().transform(lambda rdd: rdd.sortByKey()).pprint()
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
