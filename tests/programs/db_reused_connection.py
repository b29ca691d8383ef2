# Spark's streaming guide, "Design Patterns for using foreachRDD": reuse connections across
# batches through a static, lazily initialized pool (dbpool/__init__.py). Each partition takes
# the pooled connection, writes its records and commits; nothing is closed between batches.
#
# Worked by hand as db_per_partition.py (same input): flink 2, hadoop 1, hive 2, kafka 1,
# spark 4, storm 1.
import pymysql

import dbpool
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

setup = pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS wordcount")
    cursor.execute("CREATE TABLE IF NOT EXISTS wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, "
                   "count INT NOT NULL DEFAULT 0) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
setup.close()

sc = SparkContext("local[2]", "DbReusedConnection")
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b))


def sendPartition(records):
    connection = dbpool.getConnection()
    cursor = connection.cursor()
    for word, n in records:
        cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                       "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", (word, n))
    connection.commit()
    dbpool.returnConnection(connection)  # return to the pool for future reuse


counts.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTerminationOrTimeout(3)
ssc.stop(stopGraceFully=True)

check = pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")
cursor = check.cursor()
cursor.execute("SELECT word, count FROM wordcount ORDER BY word")
for row in cursor.fetchall():
    print(row)
check.close()
