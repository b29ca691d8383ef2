# Lesson 17, step 3: the direct stream on a single core, local[1]. Nothing holds the core
# between batches, so every batch runs.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[1]", "KafkaDirectOneCore")
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
