# The pattern Spark's guide recommends: one connection per partition (rdd.foreachPartition),
# shared by all the partition's records, with one commit.
import pymysql

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

sc = SparkContext("local[2]", "PerPartitionConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.pprint()


def sendPartition(records):
    connection = connect()
    with connection.cursor() as cursor:
        for record in records:
            cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                           "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", record)
    connection.commit()
    connection.close()


counts.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
