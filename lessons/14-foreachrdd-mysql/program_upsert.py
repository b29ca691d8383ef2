# The same rows made idempotent: the table's key is (word, batch_time), and the write is an
# upsert (INSERT ... ON DUPLICATE KEY UPDATE). A retried task writes the same key with the same
# count: the row is there once, whatever the number of attempts.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS batch_counts")
    cursor.execute("CREATE TABLE batch_counts (word VARCHAR(64) NOT NULL, batch_time VARCHAR(19) NOT NULL, "
                   "count INT NOT NULL, PRIMARY KEY (word, batch_time))")
setup.close()

sc = SparkContext("local[2]", "IdempotentUpsert")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.pprint()


def save(time, rdd):
    batchTime = str(time)  # the batch's time: the same in a retried task

    def sendPartition(records):
        connection = connect()
        with connection.cursor() as cursor:
            for word, n in records:
                cursor.execute("INSERT INTO batch_counts (word, batch_time, count) VALUES (%s, %s, %s) "
                               "ON DUPLICATE KEY UPDATE count = VALUES(count)",
                               (word, batchTime, n))
        connection.commit()
        connection.close()
    rdd.foreachPartition(sendPartition)


counts.foreachRDD(save)
ssc.start()
ssc.awaitTermination()
