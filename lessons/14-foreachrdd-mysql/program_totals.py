# Running totals written idempotently: updateStateByKey keeps each word's total, and every batch
# writes the totals themselves (not increments) with REPLACE INTO. Writing the same total twice
# leaves the same row, so a retried task does no harm.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS totals")
    cursor.execute("CREATE TABLE totals (word VARCHAR(64) NOT NULL PRIMARY KEY, total INT NOT NULL)")
setup.close()


def updateTotal(newValues, total):
    return sum(newValues) + (total or 0)


sc = SparkContext("local[2]", "IdempotentTotals")
ssc = StreamingContext(sc, 1)
ssc.checkpoint("checkpoint")
lines = ssc.socketTextStream("localhost", 9999)
totals = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .updateStateByKey(updateTotal)
totals.pprint()


def sendPartition(records):
    connection = connect()
    with connection.cursor() as cursor:
        for word, total in records:
            cursor.execute("REPLACE INTO totals (word, total) VALUES (%s, %s)", (word, total))
    connection.commit()
    connection.close()


totals.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
