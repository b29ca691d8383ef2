# Spark's streaming guide, "Design Patterns for using foreachRDD": the recommended pattern, one
# connection per partition (rdd.foreachPartition), running totals kept in MySQL with
# INSERT ... ON DUPLICATE KEY UPDATE count = count + VALUES(count). With DStream Lab's default
# --db the pymysql calls reach the program's SQLite database (docs/database.md).
#
# Worked by hand: the receiver connects 100 ms after the start; the lines at 0.5 s and 0.7 s are
# batch 1 s (spark 3, kafka 1, flink 1, storm 1), those at 1.5 s and 1.8 s batch 2 s (spark 1,
# flink 1, hive 2, hadoop 1). Added up by ON DUPLICATE KEY UPDATE, the table ends as flink 2,
# hadoop 1, hive 2, kafka 1, spark 4, storm 1 (read back on the driver after the stop, ordered by
# word).
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

sc = SparkContext("local[2]", "DbPerPartition")
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b))


def sendPartition(records):
    connection = connect()
    cursor = connection.cursor()
    for word, n in records:
        cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                       "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", (word, n))
    connection.commit()
    connection.close()


counts.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTerminationOrTimeout(3)
ssc.stop(stopGraceFully=True)

check = connect()
cursor = check.cursor()
cursor.execute("SELECT word, count FROM wordcount ORDER BY word")
for row in cursor.fetchall():
    print(row)
check.close()
