# The foreachRDD anti-pattern from the programming guide ("Design Patterns for using
# foreachRDD"): a connection created on the driver and used inside rdd.foreach. The closure
# must be pickled to reach the executors, and a socket cannot be: PySpark fails with
# "Could not serialize object".
import socket

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "DriverConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def sendRecords(rdd):
    connection = socket.socket()  # executed at the driver
    rdd.foreach(lambda record: connection.send(record.encode("utf-8")))


lines.foreachRDD(sendRecords)
ssc.start()
ssc.awaitTermination()
