# SparkContext.textFile / wholeTextFiles / binaryFiles (pyspark/context.py; Hadoop's
# org.apache.hadoop.mapred.FileInputFormat.getSplits and LineRecordReader). Derived by hand:
#  - a directory reads its files, not hidden ones (names starting with "." or "_");
#  - textFile(dir) with minPartitions min(defaultParallelism, 2) = 2: 25 bytes, goal size
#    25 // 2 = 12; a.txt (17 bytes) splits at 0 (12 bytes) and 12 (5 bytes, since 17 / 12 > 1.1),
#    b.txt (8 bytes) is one split. A split not at 0 skips the line it starts in; a split reads
#    every line that starts at or before its end: "gamma" starts at 11, so the first split has
#    all three lines and the second none. "\r\n" ends a line as "\n" does.
#  - textFile(a.txt, 4): goal 17 // 4 = 4: splits at 0, 4, 8, 12 and 16 (the last 1 byte):
#    alpha (at 0), beta (at 6), gamma (at 11) land in the splits at 0, 4 and 8.
#  - a missing path: Hadoop's InvalidInputException (Spark raises it at the first action,
#    DStream Lab when textFile is called).
#  - a text file as a lookup table joined with a stream, its records [key, value] lists.
import os
import shutil
import tempfile
from operator import add

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

d = tempfile.mkdtemp()
for name, data in (("a.txt", b"alpha\nbeta\ngamma\n"), ("b.txt", b"one\r\ntwo"),
                   (".hidden", b"x\n"), ("_SUCCESS", b"")):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
with open(os.path.join(d, "prices.csv"), "w") as f:
    f.write("apple,3\npear,5\n")

sc = SparkContext("local[2]", "FilesText")
lines = sc.textFile(os.path.join(d, "*.txt"))
print("textFile(*.txt):", lines.glom().collect())
print("textFile(a.txt, 4):", sc.textFile(os.path.join(d, "a.txt"), 4).glom().collect())
print("textFile(dir) count:", sc.textFile(d).count())
whole = sc.wholeTextFiles(d).map(lambda kv: (os.path.basename(kv[0]), kv[1], kv[0].startswith("file:/")))
print("wholeTextFiles:", sorted(whole.collect()))
binary = sc.binaryFiles(os.path.join(d, "b.txt")).map(lambda kv: (os.path.basename(kv[0]), kv[1]))
print("binaryFiles:", binary.collect())
try:
    sc.textFile("/nonexistent-dstreamlab/input.txt").count()
except Exception as e:
    print("missing path:", type(e).__name__, "|", str(e).splitlines()[-1])

prices = sc.textFile(os.path.join(d, "prices.csv")).map(lambda line: line.split(",")) \
    .map(lambda kv: [kv[0], int(kv[1])])
ssc = StreamingContext(sc, 1)
sales = ssc.queueStream([["apple apple pear kiwi"]]).flatMap(lambda line: line.split())
totals = sales.map(lambda w: [w, 1]).reduceByKey(add).transform(lambda rdd: rdd.join(prices)) \
    .map(lambda kv: (kv[0], kv[1][0] * kv[1][1]))
totals.foreachRDD(lambda rdd: print("revenue:", sorted(rdd.collect())))
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop()
shutil.rmtree(d)
