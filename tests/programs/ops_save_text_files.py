# saveAsTextFiles(prefix, suffix): one directory "prefix-TIME_IN_MS.suffix" per batch, empty
# batches included, with a part file per partition and _SUCCESS. After stopping, the driver
# lists and prints what was written.
import os
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

out = tempfile.mkdtemp(prefix="dstreamlab-save-")
sc = SparkContext("local[2]", "SaveAsTextFiles")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
counts.saveAsTextFiles(os.path.join(out, "counts"), "txt")
lines.saveAsTextFiles(os.path.join(out, "lines"))
ssc.start()
ssc.awaitTerminationOrTimeout(3.5)
ssc.stop()

for d in sorted(os.listdir(out)):
    print(d + "/")
    for f in sorted(os.listdir(os.path.join(out, d))):
        with open(os.path.join(out, d, f), encoding="utf-8") as fh:
            content = fh.read()
        print("  %s: %r" % (f, content))
shutil.rmtree(out)
