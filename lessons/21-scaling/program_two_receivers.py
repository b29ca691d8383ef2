# Lesson 21: two receivers, one per topic, made one DStream again with ssc.union (the Spark
# Streaming Programming Guide, "Level of Parallelism in Data Receiving"). Still local[2]: each
# receiver holds one of the two cores for good, and no core is left for the batches' tasks.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

LOAD = 5000  # each message stands for 5,000 copies of itself

sc = SparkContext("local[2]", "ScalingWordCount")
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
