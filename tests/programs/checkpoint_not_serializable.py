# With checkpointing on, ssc.start() serializes the DStream graph with its Python functions
# (StreamingContext.validate -> Checkpoint.serialize): a function that captures what cannot be
# pickled (here a lock) fails the start with PySpark's "Could not serialize object", before any
# batch runs.
import tempfile
import threading

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

checkpointDir = tempfile.TemporaryDirectory(prefix="dstreamlab-pickle-")
sc = SparkContext("local[2]", "NotSerializable")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(checkpointDir.name)
lock = threading.Lock()


def tag(word):
    with lock:
        return (word, 1)


ssc.queueStream([["a"]]).map(tag).updateStateByKey(lambda v, s: sum(v) + (s or 0)).pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(2)
