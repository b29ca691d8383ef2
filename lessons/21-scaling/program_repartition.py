# Lesson 21: as program_local4.py, and the union is repartitioned into 6 partitions before the
# heavy work (the guide's "Level of Parallelism in Data Receiving": inputStream.repartition(n)).
# PySpark moves the messages in groups of up to 10 (BatchedSerializer in RDD.coalesce), so the
# 55 messages of words-a's burst, 6 groups, go one group to each of the 6 tasks.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

LOAD = 5000  # each message stands for 5,000 copies of itself

sc = SparkContext("local[4]", "ScalingWordCount")
ssc = StreamingContext(sc, 1)
streams = [KafkaUtils.createStream(ssc, "localhost:2181", "wordcount", {topic: 1})
           for topic in ["words-a", "words-b"]]
kvs = ssc.union(*streams).repartition(6)
lines = kvs.map(lambda kv: kv[1])
words = lines.flatMap(lambda line: line.split(" ") * LOAD)
wordCounts = words.map(lambda word: (word, 1)).reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
