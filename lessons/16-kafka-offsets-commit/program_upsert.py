# Lesson 16, step 3: the same program with an idempotent output. The table is keyed by the
# message id, and the write is an upsert (INSERT ... ON DUPLICATE KEY UPDATE): a message read
# again after a lost commit lands on its own row. Reading stays at least once; the result
# is exactly once.
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
                       "seen INT NOT NULL, PRIMARY KEY (msg_id))")
    setup.close()
    open("deployed", "w").close()

sc = SparkContext("local[2]", "IdempotentOffsetsInKafka")
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
            cursor.execute("INSERT INTO clicks (msg_id, page, seen) VALUES (%s, %s, 1) "
                           "ON DUPLICATE KEY UPDATE page = VALUES(page)", (msg_id, page))
    connection.commit()
    connection.close()
    print(time.strftime("%H:%M:%S"), "wrote", [msg_id for msg_id, page in rows],
          "then commits", ["%d->%d" % (o.fromOffset, o.untilOffset) for o in ranges])
    clicks.commitAsync(ranges)  # after the output: at least once


clicks.foreachRDD(save)
ssc.start()
ssc.awaitTermination()
