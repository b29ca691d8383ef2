# pyspark.streaming.kafka imports (Spark 2.x's KafkaUtils); KafkaUtils.createRDD (a batch RDD of
# offset ranges, outside streaming) says DStream Lab does not simulate it yet, at the program's
# line, exit status 1 (createDirectStream and createStream work: kafka_offsets.py,
# kafka_receiver_wordcount.py).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "Kafka")
ssc = StreamingContext(sc, 1)
print("imported KafkaUtils")
rdd = KafkaUtils.createRDD(sc, {"metadata.broker.list": "localhost:9092"}, [])
