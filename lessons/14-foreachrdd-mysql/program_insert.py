# Each batch's counts as rows of their own, keyed by the batch time, with a plain INSERT.
# Spark's output operations run at least once: a task that fails after its writes is run again,
# and its rows are then written twice.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS batch_counts")
    cursor.execute("CREATE TABLE batch_counts (word VARCHAR(64) NOT NULL, batch_time VARCHAR(19) NOT NULL, "
                   "count INT NOT NULL)")
setup.close()

sc = SparkContext("local[2]", "PlainInsert")
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
                cursor.execute("INSERT INTO batch_counts (word, batch_time, count) VALUES (%s, %s, %s)",
                               (word, batchTime, n))
        connection.commit()
        connection.close()
    rdd.foreachPartition(sendPartition)


counts.foreachRDD(save)
ssc.start()
ssc.awaitTermination()
