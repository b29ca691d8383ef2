# DStream.checkpoint(interval) is checked at ssc.start() (DStream.validateAtStart): an interval
# below the slide, or not a multiple of it, fails with Spark's require() texts; a multiple of
# the slide starts. Each case uses a new StreamingContext on the same SparkContext (a context
# whose start failed is stopped).
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "CheckpointInterval")
checkpointDir = tempfile.TemporaryDirectory(prefix="dstreamlab-interval-")
for interval in [0.5, 1.5, 2]:
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(checkpointDir.name)
    counts = ssc.queueStream([[1]]).map(lambda x: (x, 1)).updateStateByKey(lambda v, s: sum(v) + (s or 0))
    counts.checkpoint(interval)
    counts.pprint()
    try:
        ssc.start()
        print(interval, "started")
        ssc.stop(stopSparkContext=False)
    except Exception as e:
        print(interval, [line for line in str(e).splitlines() if "requirement failed" in line][0])
