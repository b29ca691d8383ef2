# Lesson 21: scaling a streaming word count. One Kafka receiver (KafkaUtils.createStream) reads both
# topics, words-a and words-b, on local[2]: the receiver holds one core, the batches' tasks share
# the other. A load test: every message's words are counted LOAD times, so each message is 20,000
# words, about 21 ms of a core (engine/costmodel.h: 1.05 us per record a Python function takes).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

LOAD = 5000  # each message stands for 5,000 copies of itself

sc = SparkContext("local[2]", "ScalingWordCount")
ssc = StreamingContext(sc, 1)
kvs = KafkaUtils.createStream(ssc, "localhost:2181", "wordcount", {"words-a": 1, "words-b": 1})
lines = kvs.map(lambda kv: kv[1])
words = lines.flatMap(lambda line: line.split(" ") * LOAD)
wordCounts = words.map(lambda word: (word, 1)).reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
