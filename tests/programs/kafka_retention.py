# A topic's retention deleting what a slow direct stream has not read yet (--kafka-retention
# words=2s; kafka_retention.args). Six messages m0..m5 arrive at 0.1-0.6 s; maxRatePerPartition 1
# lets each 1 s batch read one. Worked by hand: 10:00:01 reads [0, 1) and 10:00:02 [1, 2); at
# 10:00:03 every message is more than 2 s old, so retention has deleted them (the log start is
# 6) and the ranges [2, 3) .. [5, 6) of 10:00:03-10:00:06 fail with
# kafka.common.OffsetOutOfRangeException (their foreachRDD prints nothing); 10:00:07 reads the
# empty [6, 6). time.sleep sleeps through the failed batches; the program ends at 7.5 s.
import time

from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

conf = SparkConf().set("spark.streaming.kafka.maxRatePerPartition", "1")
sc = SparkContext("local[2]", "KafkaRetention", conf=conf)
ssc = StreamingContext(sc, 1)
params = {"metadata.broker.list": "localhost:9092", "auto.offset.reset": "smallest"}
stream = KafkaUtils.createDirectStream(ssc, ["words"], params)


def show(t, rdd):
    ranges = [(o.fromOffset, o.untilOffset) for o in rdd.offsetRanges()]
    print(t.strftime("%H:%M:%S"), ranges, rdd.map(lambda kv: kv[1]).collect())


stream.foreachRDD(show)
ssc.start()
time.sleep(7.5)
ssc.stop()
