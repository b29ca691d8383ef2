# pyspark.streaming.kafka imports (Spark 2.x's KafkaUtils); the receiver-based Kafka stream
# (createStream, through ZooKeeper) says DStream Lab does not simulate it yet, at the
# program's line, exit status 1 (createDirectStream works: kafka_direct.py).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "Kafka")
ssc = StreamingContext(sc, 1)
print("imported KafkaUtils")
stream = KafkaUtils.createStream(ssc, "localhost:2181", "group", {"words": 1})
