# Consecutive Python transformations of DStreams run as one pipeline per partition, as PySpark
# folds them into one TransformedDStream (pyspark/streaming/dstream.py,
# TransformedDStream.__init__) whose RDD is one PipelinedRDD (pyspark/rdd.py): each function
# pulls records from the previous one, so their calls interleave record by record (split one
# line, pair its words, split the next line ...), and the map-side combine of reduceByKey takes
# each pair as it comes. Run one after the other, every split would come before every pair.
# A cached DStream ends the pipeline (PipelinedRDD checks is_cached): after words2.cache(),
# the second chain's pairs come only after all its splits.
import sys
from operator import add

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def split(line):
    print("split %r" % line)
    sys.stdout.flush()
    return line.split(" ")


def pair(word):
    print("pair %r" % word)
    sys.stdout.flush()
    return (word, 1)


sc = SparkContext("local[1]", appName="PipelineAcrossDStreams")
ssc = StreamingContext(sc, 1)
batches = [sc.parallelize(["a b", "c a"], 1)]
counts = ssc.queueStream(batches).flatMap(split).map(pair).reduceByKey(add)
counts.foreachRDD(lambda rdd: print("counts", sorted(rdd.collect())))

words2 = ssc.queueStream([sc.parallelize(["x y", "y"], 1)]).flatMap(split)
words2.cache()
counts2 = words2.map(pair).reduceByKey(add)
counts2.foreachRDD(lambda rdd: print("counts2", sorted(rdd.collect())))

ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop()
