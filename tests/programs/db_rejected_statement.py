# A database that rejects a statement fails the task with the database's error, and so the job
# and the batch (JobScheduler.reportError); awaitTermination rethrows it on the driver. Here the
# table's word column is NOT NULL and a partition inserts None: MySQL's
# IntegrityError (1048, "Column 'word' cannot be null"), raised in the task by pymysql.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS words")
    cursor.execute("CREATE TABLE words (id INT AUTO_INCREMENT PRIMARY KEY, word VARCHAR(64) NOT NULL)")
setup.close()

sc = SparkContext("local[2]", "DbRejectedStatement")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)


def sendPartition(records):
    connection = connect()
    cursor = connection.cursor()
    for line in records:
        cursor.execute("INSERT INTO words (word) VALUES (%s)", (None if line == "spark flink hive" else line,))
    connection.commit()
    connection.close()


lines.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
