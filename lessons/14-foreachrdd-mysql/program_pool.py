# The best of Spark's guide: connections reused across batches, from a static pool (dbpool.py).
# Each partition borrows the pooled connection, writes its records, commits and gives it back.
import pymysql

import dbpool

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS wordcount")
    cursor.execute("CREATE TABLE wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, "
                   "count INT NOT NULL DEFAULT 0)")
setup.close()

sc = SparkContext("local[2]", "PooledConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.pprint()


def sendPartition(records):
    connection = dbpool.getConnection()
    with connection.cursor() as cursor:
        for record in records:
            cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                           "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", record)
    connection.commit()
    dbpool.returnConnection(connection)  # not closed: the next task reuses it


counts.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
