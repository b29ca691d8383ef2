# pyspark.streaming.kafka imports (Spark 2.x's KafkaUtils); creating a Kafka stream says
# DStream Lab does not simulate it yet, at the program's line, exit status 1.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "Kafka")
ssc = StreamingContext(sc, 1)
print("imported KafkaUtils")
stream = KafkaUtils.createDirectStream(ssc, ["words"], {"metadata.broker.list": "localhost:9092"})
