# Lesson 17, step 3: the receiver-based stream on a single core, local[1]. The receiver takes
# the only core and keeps it: no task of any batch can run (the same starvation as a socket
# receiver under local[1]).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[1]", "KafkaReceiverOneCore")
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
