# PySpark 2.4's direct Kafka stream: "auto.offset.reset" = "smallest" reads what the topic held
# before the stream began; a messageHandler gets KafkaMessageAndMetadata (partition, offset, key,
# message); offsetRanges() exists on the stream's own RDDs only (pyspark/streaming/kafka.py
# KafkaDStream / KafkaRDD). Worked by hand, with the partitions of the keyed messages from
# Kafka's murmur2 (README.md, "kafka_*"): test has 2 partitions; "first" (null key) -> p0
# offset 0, "hello kafka" (null key, next in turn) -> p1 offset 0, k1 -> p1 offset 1,
# k2 -> p1 offset 2. Batch 10:00:02 reads p0 [0, 1) and p1 [0, 2); 10:00:04 p0 [1, 1) and
# p1 [2, 3) (k2 came at 3.1 s).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaOffsets")
ssc = StreamingContext(sc, 2)
params = {"metadata.broker.list": "localhost:9092", "auto.offset.reset": "smallest"}
stream = KafkaUtils.createDirectStream(ssc, ["test"], params,
                                       messageHandler=lambda m: (m.partition, m.offset, m.key, m.message))


def show(t, rdd):
    print("batch", t.strftime("%H:%M:%S"))
    for o in rdd.offsetRanges():
        print(" ", o)
    for r in sorted(rdd.collect()):
        print(" ", r)


def mapped(rdd):
    print("after map, offsetRanges:", hasattr(rdd, "offsetRanges"))


stream.foreachRDD(show)
stream.map(lambda r: r).foreachRDD(mapped)
ssc.start()
ssc.awaitTerminationOrTimeout(5)
ssc.stop()
