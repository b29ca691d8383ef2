# Spark's streaming guide, "Design Patterns for using foreachRDD": the mistake. The connection
# is created on the driver and used in rdd.foreach, so the closure must be pickled with it;
# PySpark's CloudPickleSerializer fails on the socket a pymysql connection holds:
# "_pickle.PicklingError: Could not serialize object: TypeError: cannot pickle 'socket' object"
# (pyspark/serializers.py CloudPickleSerializer.dumps). The job fails at the first batch, and
# awaitTermination rethrows it on the driver.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "DbDriverConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def sendRecords(rdd):
    connection = pymysql.connect(host="localhost", user="spark", password="secret", database="course")  # at the driver
    cursor = connection.cursor()
    rdd.foreach(lambda record: cursor.execute("INSERT INTO words (word) VALUES (%s)", (record,)))


lines.foreachRDD(sendRecords)
ssc.start()
ssc.awaitTermination()
