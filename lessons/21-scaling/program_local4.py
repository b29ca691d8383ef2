# Lesson 21: the two receivers and their union on local[4]: the receivers hold 2 of the 4 cores,
# the tasks share the other 2. A batch's RDD has one partition per block of either receiver.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

LOAD = 5000  # each message stands for 5,000 copies of itself

sc = SparkContext("local[4]", "ScalingWordCount")
ssc = StreamingContext(sc, 1)
streams = [KafkaUtils.createStream(ssc, "localhost:2181", "wordcount", {topic: 1})
           for topic in ["words-a", "words-b"]]
kvs = ssc.union(*streams)
lines = kvs.map(lambda kv: kv[1])
words = lines.flatMap(lambda line: line.split(" ") * LOAD)
wordCounts = words.map(lambda word: (word, 1)).reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
