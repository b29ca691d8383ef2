# The course's windowed word count: counts over the last 3 seconds, every 2 seconds
# (reduceByKeyAndWindow without an inverse function), next to the per-batch counts. A
# windowed stream outputs only at zero time + k * slide (10:00:02, :04, :06 ...).
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WindowedWordCount")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))
windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, None, 3, 2)
windowed.transform(lambda rdd: rdd.sortByKey()).pprint()
lines.window(3, 2).count().pprint()
lines.countByWindow(2, 1).pprint()
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-window-")
ssc.checkpoint(checkpointDir)  # countByWindow subtracts with an inverse function
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
