# Lesson 16: offsets kept in Kafka. The direct stream reads topic "clicks" for the consumer group
# "clicks-app". Each batch's output writes every message it read to the database, one row per
# message, and then commits the batch's offset ranges to the group with commitAsync (Spark's
# Kafka 0-10 API; DStream Lab adds it to PySpark's stream). A commit is applied when the next
# batch is generated, so a driver that stops between the output and that moment loses the commit.
import os

import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


# A new deployment starts with an empty table; a restarted driver (same folder) keeps it.
if not os.path.exists("deployed"):
    setup = connect()
    with setup.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS clicks")
        cursor.execute("CREATE TABLE clicks (msg_id VARCHAR(32) NOT NULL, page VARCHAR(64) NOT NULL, "
                       "seen INT NOT NULL)")
    setup.close()
    open("deployed", "w").close()

sc = SparkContext("local[2]", "OffsetsInKafka")
ssc = StreamingContext(sc, 1)
params = {"metadata.broker.list": "localhost:9092", "group.id": "clicks-app", "auto.offset.reset": "smallest"}
# Each message as (its id "topic-partition-offset", the page)
clicks = KafkaUtils.createDirectStream(
    ssc, ["clicks"], params,
    messageHandler=lambda m: ("%s-%d-%d" % (m.topic, m.partition, m.offset), m.message))


def save(time, rdd):
    ranges = rdd.offsetRanges()
    rows = rdd.collect()
    connection = connect()
    with connection.cursor() as cursor:
        for msg_id, page in rows:
            cursor.execute("INSERT INTO clicks (msg_id, page, seen) VALUES (%s, %s, 1)", (msg_id, page))
    connection.commit()
    connection.close()
    print(time.strftime("%H:%M:%S"), "wrote", [msg_id for msg_id, page in rows],
          "then commits", ["%d->%d" % (o.fromOffset, o.untilOffset) for o in ranges])
    clicks.commitAsync(ranges)  # after the output: at least once


clicks.foreachRDD(save)
ssc.start()
ssc.awaitTermination()
