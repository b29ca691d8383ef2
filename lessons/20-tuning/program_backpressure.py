# Lesson 20: tuning a streaming word count. program.py (0.5 s, 300 reduce
# partitions) with backpressure on.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setMaster("local[2]").setAppName("TunedWordCount")
conf.set("spark.streaming.backpressure.enabled", "true")  # receivers take in what batches process
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 0.5)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b, 300)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
