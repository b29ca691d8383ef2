# The mistake of Spark's guide: the connection is opened on the driver and used inside
# rdd.foreach, so it must travel to the executors with the function, and a connection
# (it holds a socket) cannot be pickled.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "DriverConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.pprint()


def sendRDD(rdd):
    connection = pymysql.connect(host="localhost", user="spark", password="secret", database="course")  # on the driver
    cursor = connection.cursor()
    rdd.foreach(lambda record: cursor.execute(
        "INSERT INTO wordcount (word, count) VALUES (%s, %s) "
        "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", record))  # on an executor


counts.foreachRDD(sendRDD)
ssc.start()
ssc.awaitTermination()
