# updateStateByKey's state metrics on the Python path (keys added, updated, removed, total):
# `dstreamlab run --metrics` writes them per batch; tst_programs::stateMetricsJsonl checks them.
# A key with no new values returns None and leaves the state.
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-metrics-")
sc = SparkContext("local[2]", "StateMetrics")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir)
pairs = ssc.socketTextStream("localhost", 9999).flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))


def update(newValues, runningCount):
    if not newValues:
        return None
    return sum(newValues) + (runningCount or 0)


pairs.updateStateByKey(update).foreachRDD(lambda t, rdd: print(t.strftime("%H:%M:%S"), sorted(rdd.collect())))
ssc.start()
ssc.awaitTerminationOrTimeout(5.5)
ssc.stop()
shutil.rmtree(checkpointDir)
