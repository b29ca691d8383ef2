# Under `dstreamlab run --strict` what DStream Lab offers beyond PySpark is the error
# spark-submit would give: PySpark has no StateSpec (nor mapWithState), so the program fails
# where it first uses it. (Without --strict it runs and prints nothing: its only output is that
# error.)
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

sc = SparkContext("local[2]", "Strict")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-strict-")
try:
    ssc.checkpoint(checkpointDir)
    pairs = ssc.queueStream([sc.parallelize([("a", 1)])])
    spec = StateSpec.function(lambda key, value, state: None)
    pairs.mapWithState(spec).foreachRDD(lambda rdd: None)
    ssc.start()
    ssc.awaitTerminationOrTimeout(1)
    ssc.stop()
finally:
    shutil.rmtree(checkpointDir)
