# mapWithState, which PySpark does not have (Spark offers it in Scala and Java only): DStream Lab
# runs it with one WARN line, and `--strict` makes it the error spark-submit would give.
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

sc = SparkContext("local[2]", "StateNotes")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-state-notes-")
try:
    ssc.checkpoint(checkpointDir)
    pairs = ssc.queueStream([sc.parallelize([("a", 1), ("b", 1)])])
    counts = pairs.mapWithState(StateSpec.function(lambda key, value, state: (key, value)))
    counts.pprint()
    ssc.start()
    ssc.awaitTerminationOrTimeout(2)
    ssc.stop()
finally:
    shutil.rmtree(checkpointDir)
