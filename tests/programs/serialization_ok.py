# The guide's right pattern: the connection is made inside foreachPartition, on the executor,
# so nothing unpicklable is captured. (Here the "connection" is a list, to stay offline.)
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ConnectionPerPartition")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def sendPartition(records):
    connection = []  # created on the executor, once per partition
    for record in records:
        connection.append(record.upper())
    print("sent", connection)


lines.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
