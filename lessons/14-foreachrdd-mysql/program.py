# foreachRDD into MySQL, first try: a connection per record (rdd.foreach). It works, and every
# record pays for opening a connection. The word counts are added to the table by
# INSERT ... ON DUPLICATE KEY UPDATE, and printed with pprint().
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="localhost", user="spark", password="secret", database="course")


# Once, on the driver: a fresh table.
setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS wordcount")
    cursor.execute("CREATE TABLE wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, "
                   "count INT NOT NULL DEFAULT 0)")
setup.close()

sc = SparkContext("local[2]", "PerRecordConnection")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")) \
              .map(lambda word: (word, 1)) \
              .reduceByKey(lambda a, b: a + b)
counts.pprint()


def sendRecord(record):
    # On an executor, once per record: connect, write, commit, close.
    connection = connect()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                       "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", record)
    connection.commit()
    connection.close()


counts.foreachRDD(lambda rdd: rdd.foreach(sendRecord))
ssc.start()
ssc.awaitTermination()
