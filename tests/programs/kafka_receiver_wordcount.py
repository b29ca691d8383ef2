# The receiver-based Kafka word count, as Spark 2.4's examples/src/main/python/streaming/
# kafka_wordcount.py writes it (KafkaUtils.createStream with group "spark-streaming-consumer" and
# one consumer thread for the topic), run as `kafka_receiver_wordcount.py localhost:2181 test`.
# Worked by hand: the receiver starts 100 ms after the context (its launch) and its consumer
# joins with no commit, so it starts at the log end then (offset 0: nothing produced yet).
# "hello world" (0.3 s) is in the block cut at 0.4 s: batch 10:00:01. "hello kafka" (1.2 s) and
# "spark" (1.7 s) are in the blocks of 1.4 s and 1.8 s: batch 10:00:02, two map partitions.
# reduceByKey uses sc.defaultParallelism = 2 reduce partitions (local[2]); under PYTHONHASHSEED=0
# hash() % 2 is 0 for hello, world and kafka and 1 for spark (CPython 3.11), and each partition
# lists its keys in first-seen order: hello, world; then hello, kafka | spark.
import sys

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("Usage: kafka_receiver_wordcount.py <zk> <topic>", file=sys.stderr)
        sys.exit(-1)

    sc = SparkContext(appName="PythonStreamingKafkaWordCount")
    ssc = StreamingContext(sc, 1)

    zkQuorum, topic = sys.argv[1:]
    kvs = KafkaUtils.createStream(ssc, zkQuorum, "spark-streaming-consumer", {topic: 1})
    lines = kvs.map(lambda x: x[1])
    counts = lines.flatMap(lambda line: line.split(" ")) \
        .map(lambda word: (word, 1)) \
        .reduceByKey(lambda a, b: a + b)
    counts.pprint()

    ssc.start()
    ssc.awaitTermination()
