# mapWithState is DStream Lab's own in Python (Spark offers it in Scala and Java only): the
# program runs, and one WARN line on stderr says it will not run under spark-submit (the
# dashboard shows the same note beside the program). It is emitted once per context.
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

sc = SparkContext("local[2]", "NotPySpark")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-notpyspark-")
ssc.checkpoint(checkpointDir)


def count(word, one, state):
    total = (one or 0) + (state.get() if state.exists() else 0)
    state.update(total)
    return (word, total)


pairs = ssc.queueStream([sc.parallelize(["a", "b", "a"]), sc.parallelize(["b"])]).map(lambda w: (w, 1))
first = pairs.mapWithState(StateSpec.function(count))
second = pairs.mapWithState(StateSpec.function(count))  # no second WARN line
first.transform(lambda rdd: rdd.sortBy(lambda kv: kv)).pprint()
ssc.start()
try:
    ssc.awaitTerminationOrTimeout(2.5)
finally:
    ssc.stop()
    shutil.rmtree(checkpointDir)
