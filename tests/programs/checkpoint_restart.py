# Recovery as Spark's JobGenerator.restart does it: the batch times continue from the checkpoint.
# The first run stops at 10:00:10.5 (its last checkpoint: batch 10:00:10, the state's RDD
# checkpoint of 10:00:10). The driver comes back at 10:00:15: the restart time is 10:00:16
# (RecurringTimer.getRestartTime); the checkpoint's batch and those of the down time (10:00:10 to
# 10:00:15) run first, at once, with no received data (there is no write-ahead log), then the
# timer's batches from 10:00:16 on; the state continues from 10:00:10.
# tst_programs::recoveryRuns runs it for 10 s twice from one checkpoint folder (CHECKPOINT_DIR,
# RUN_SECONDS=10); its programs() row runs 20 s in one go with the same 20 lines of input.
# Batch k of the input receives "a", plus "b" when k is even and "c" when k is a multiple of 5.
# mapWithState is DStream Lab's (PySpark has none).
import glob
import os
import tempfile
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

scratch = None
checkpointDir = os.environ.get("CHECKPOINT_DIR")
if not checkpointDir:
    scratch = tempfile.TemporaryDirectory(prefix="dstreamlab-restart-")
    checkpointDir = scratch.name
if glob.glob(os.path.join(checkpointDir, "checkpoint-*")):
    # Both runs of tst_programs start at the same --start-time: the restarted driver comes back
    # 4.5 s after the first one stopped, as a real driver restarts after its last checkpoint.
    time.sleep(15)


def add(newValues, runningCount):
    return sum(newValues) + (runningCount or 0)


def track(word, one, state):
    total = one + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


def batch(t, rdd):
    print("batch", t.strftime("%H:%M:%S"), "ran at", time.strftime("%H:%M:%S"), "records", rdd.count())


def show(name):
    def out(t, rdd):
        if t.second % 5 == 0:
            print(name, t.strftime("%H:%M:%S"), sorted(rdd.collect()))
    return out


def createContext():
    print("createContext: a new StreamingContext")
    sc = SparkContext("local[2]", "CheckpointRestart")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(checkpointDir)
    lines = ssc.socketTextStream("localhost", 9999)
    lines.foreachRDD(batch)
    words = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))
    words.updateStateByKey(add).foreachRDD(show("updateStateByKey"))
    words.mapWithState(StateSpec.function(track)).stateSnapshots().foreachRDD(show("mapWithState"))
    return ssc


ssc = StreamingContext.getOrCreate(checkpointDir, createContext)
ssc.start()
ssc.awaitTerminationOrTimeout(float(os.environ.get("RUN_SECONDS", "20")) + 0.5)
ssc.stop()
