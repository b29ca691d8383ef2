# Spark's streaming guide, "Design Patterns for using foreachRDD": a connection per record
# (rdd.foreach). It works, but every record pays for opening a connection: the same rows as
# db_per_partition.py, at a visibly higher task time (tst_programs::databaseCosts compares the
# two runs' metrics).
#
# Worked by hand as db_per_partition.py (same input): flink 2, hadoop 1, hive 2, kafka 1,
# spark 4, storm 1.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS wordcount")
    cursor.execute("CREATE TABLE IF NOT EXISTS wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, "
                   "count INT NOT NULL DEFAULT 0) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
setup.close()

sc = SparkContext("local[2]", "DbPerRecord")
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b))


def sendRecord(record):
    connection = connect()
    cursor = connection.cursor()
    cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                   "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", record)
    connection.commit()
    connection.close()


counts.foreachRDD(lambda rdd: rdd.foreach(sendRecord))
ssc.start()
ssc.awaitTerminationOrTimeout(3)
ssc.stop(stopGraceFully=True)

check = connect()
cursor = check.cursor()
cursor.execute("SELECT word, count FROM wordcount ORDER BY word")
for row in cursor.fetchall():
    print(row)
check.close()
