# Lesson 15: a word count over Kafka with the direct stream (PySpark 2.4's
# pyspark.streaming.kafka, as the course uses it). No receiver: each batch reads an offset range
# of every partition of the topic, at most spark.streaming.kafka.maxRatePerPartition messages per
# partition and second.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

conf = SparkConf().set("spark.streaming.kafka.maxRatePerPartition", "3")
sc = SparkContext("local[2]", "KafkaDirectWordCount", conf=conf)
ssc = StreamingContext(sc, 1)

messages = KafkaUtils.createDirectStream(ssc, ["words"], {"metadata.broker.list": "localhost:9092",
                                                          "auto.offset.reset": "smallest"})
lines = messages.map(lambda kv: kv[1])  # (key, value): the value is the line
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.foreachRDD(lambda t, rdd: print(t.strftime("%H:%M:%S"), sorted(rdd.collect())))

ssc.start()
ssc.awaitTermination()
