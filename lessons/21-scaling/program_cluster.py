# Lesson 21: program_repartition.py on a small cluster. local-cluster[2,2,1024] starts 2 executors
# with 2 cores and 1024 MB each: the same 4 cores as local[4], on two machines. Scaling out is
# adding executors; the program does not change.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

LOAD = 5000  # each message stands for 5,000 copies of itself

sc = SparkContext("local-cluster[2,2,1024]", "ScalingWordCount")
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
