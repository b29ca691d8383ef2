# Recovery from a checkpoint folder with StreamingContext.getOrCreate: updateStateByKey,
# mapWithState (DStream Lab only) and an inverse reduceByKeyAndWindow whose window is 5 x the
# slide (PySpark's incremental path) continue from the state of the last RDD checkpoint.
# tst_programs::recoveryRuns runs it for 10 s (CHECKPOINT_DIR, RUN_SECONDS=10), then again from
# the same folder with the next 10 s of input; its programs() row runs all 20 s in one go.
# Batch k receives "a", plus "b" when k is even and "c" when k is a multiple of 5.
# As in Spark, getOrCreate does not call createContext when it recovers: its print shows in the
# first run only, and the DStreams come from the checkpoint folder.
import os
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

scratch = None
checkpointDir = os.environ.get("CHECKPOINT_DIR")
if not checkpointDir:
    scratch = tempfile.TemporaryDirectory(prefix="dstreamlab-recovery-")
    checkpointDir = scratch.name


def add(newValues, runningCount):
    return sum(newValues) + (runningCount or 0)


def track(word, one, state):
    total = one + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


def show(name):
    def out(t, rdd):
        if t.second % 5 == 0:
            print(name, t.strftime("%H:%M:%S"), sorted(rdd.collect()))
    return out


def createContext():
    print("createContext: a new StreamingContext")
    sc = SparkContext("local[2]", "CheckpointRecovery")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(checkpointDir)
    words = ssc.socketTextStream("localhost", 9999).flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))
    words.updateStateByKey(add).foreachRDD(show("updateStateByKey"))
    words.mapWithState(StateSpec.function(track)).stateSnapshots().foreachRDD(show("mapWithState"))
    words.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1).foreachRDD(show("window"))
    return ssc


ssc = StreamingContext.getOrCreate(checkpointDir, createContext)
ssc.start()
ssc.awaitTerminationOrTimeout(float(os.environ.get("RUN_SECONDS", "20")) + 0.5)
ssc.stop()
