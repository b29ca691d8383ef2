# Lesson 20: tuning a streaming word count. Batches of 0.5 s, and
# reduceByKey into 300 partitions, as if copied from a big cluster's settings: 300 reduce tasks a
# batch, each paying a task's launch cost, on the one core the receiver leaves.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setMaster("local[2]").setAppName("TunedWordCount")
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 0.5)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b, 300)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
