# Lesson 20: tuning a streaming word count. As program_parallelism.py, with a block
# interval of 100 ms instead of the default 200 ms.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().setMaster("local[2]").setAppName("TunedWordCount")
conf.set("spark.streaming.blockInterval", "100ms")  # a block, so a partition, every 100 ms
sc = SparkContext(conf=conf)
ssc = StreamingContext(sc, 0.5)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
