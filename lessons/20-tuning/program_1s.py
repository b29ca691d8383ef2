# Lesson 20: tuning a streaming word count. The same 300 reduce partitions, batches of 1 s.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setMaster("local[2]").setAppName("TunedWordCount")
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b, 300)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
