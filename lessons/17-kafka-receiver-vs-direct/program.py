# Lesson 17: the receiver-based Kafka stream (PySpark 2.4's KafkaUtils.createStream). A receiver,
# which holds one of the cores for as long as the program runs, consumes topic "words" for the
# consumer group "wordcount" and stores what it gets in blocks, one every block interval (200 ms);
# each batch's RDD has one partition per block. Its consumer commits the group's offsets itself.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaReceiverWordCount")
ssc = StreamingContext(sc, 1)

kvs = KafkaUtils.createStream(ssc, "localhost:2181", "wordcount", {"words": 1},
                              {"auto.offset.reset": "smallest"})  # (key, value) pairs
lines = kvs.map(lambda kv: kv[1])
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.foreachRDD(lambda t, rdd: print(t.strftime("%H:%M:%S"), sorted(rdd.collect())))

ssc.start()
ssc.awaitTermination()
