# Lesson 20: tuning a streaming word count. Batches of 0.5 s; reduceByKey without a
# partition count uses spark.default.parallelism: 2, the cores of local[2].
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setMaster("local[2]").setAppName("TunedWordCount")
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 0.5)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
