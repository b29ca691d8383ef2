# transform() with RDD operations: per batch, the words sorted by count (descending) then by
# word, with sortBy; a second stream keeps the distinct words sorted (distinct + sortBy), and
# foreachRDD prints take/first/top/takeOrdered/count/isEmpty of each batch.
from operator import add

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "TransformRddOps")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split())

ranked = words.transform(
    lambda rdd: rdd.map(lambda w: (w, 1)).reduceByKey(add).sortBy(lambda kv: (-kv[1], kv[0])))
ranked.pprint(5)

distinctSorted = words.transform(lambda rdd: rdd.distinct().sortBy(lambda w: w))
distinctSorted.pprint()


def summary(time, rdd):
    if rdd.isEmpty():
        print("%s: empty batch" % time)
        return
    lengths = rdd.map(len)
    print("%s: count=%d first=%s take(2)=%s top(2)=%s takeOrdered(3)=%s longest=%d"
          % (time, rdd.count(), rdd.first(), rdd.take(2), rdd.top(2), rdd.takeOrdered(3),
             lengths.reduce(max)))


words.foreachRDD(summary)
ssc.start()
ssc.awaitTermination()
