# Lesson 17, step 2: the same word count with the direct stream (KafkaUtils.createDirectStream).
# No receiver: each batch reads an offset range of every partition of "words", and its RDD has one
# partition per Kafka partition, however the messages arrived.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaDirectWordCount")
ssc = StreamingContext(sc, 1)

kvs = KafkaUtils.createDirectStream(ssc, ["words"], {"metadata.broker.list": "localhost:9092",
                                                     "auto.offset.reset": "smallest"})
lines = kvs.map(lambda kv: kv[1])
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.foreachRDD(lambda t, rdd: print(t.strftime("%H:%M:%S"), sorted(rdd.collect())))

ssc.start()
ssc.awaitTermination()
