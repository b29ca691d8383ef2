# Kafka messages from an input script's "@kafka TOPIC" records (what the app's nc panel writes
# when its target is a topic, and Save input log keeps): `run --input` produces them to the
# simulated broker at their times, as `--kafka TOPIC=FILE` would. Worked by hand: topic test is
# auto-created with Kafka's default of 1 partition; "hello" (0.5 s) is offset 0, the keyed
# "keyed<TAB>value" (1.2 s, its tab escaped as \t in the script) offset 1, "late" (3.1 s)
# offset 2. Batch 10:00:02 reads [0, 2), 10:00:04 reads [2, 3). The "@line @kafka ..." record is
# a socket line that no stream reads.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaInputScript")
ssc = StreamingContext(sc, 2)
params = {"metadata.broker.list": "localhost:9092", "auto.offset.reset": "smallest"}
stream = KafkaUtils.createDirectStream(ssc, ["test"], params,
                                       messageHandler=lambda m: (m.partition, m.offset, m.key, m.message))


def show(t, rdd):
    print("batch", t.strftime("%H:%M:%S"))
    for o in rdd.offsetRanges():
        print(" ", o)
    for r in sorted(rdd.collect(), key=lambda r: r[1]):
        print(" ", r)


stream.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
