# Task retries as Spark's (TaskSetManager.handleFailedTask): a database that refuses the first
# two connections fails the task that writes; under --master 'local[2,3]' (spark.task.maxFailures
# 3 in local mode) the task runs again, as attempt 1 and then 2 of the same partition, and the
# third attempt writes. Under plain local[2] the first refusal would fail the batch.
#
# The "outage" is a row the task itself counts down, so the same program shows it on every
# database: while outage.refused > 0 a connect is refused with MySQL's 2003 error.
#
# Worked by hand: the receiver connects 100 ms after the start; the lines at 0.5 s and 0.7 s are
# two blocks, so batch 1 s runs stage 0 (two map tasks, TIDs 0 and 1) and stage 1 (reduceByKey
# into one partition: one result task). Its attempt 0.0 is TID 2 and is refused (refused 2 -> 1);
# attempt 0.1 is TID 3, refused (1 -> 0); attempt 0.2 (TID 4) writes spark 3, kafka 1, flink 1,
# storm 1. Batch 2 s (stages 2 and 3) writes spark 1, flink 1, hive 2, hadoop 1 at its first
# attempt. Added up: flink 2, hadoop 1, hive 2, kafka 1, spark 4, storm 1; nothing is lost and
# nothing doubled, as the refused attempts wrote nothing.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS wordcount")
    cursor.execute("CREATE TABLE wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, count INT NOT NULL)")
    cursor.execute("DROP TABLE IF EXISTS outage")
    cursor.execute("CREATE TABLE outage (refused INT NOT NULL)")
    cursor.execute("INSERT INTO outage (refused) VALUES (2)")
setup.commit()
setup.close()

sc = SparkContext("local[2]", "DbRetryOutage")  # the test runs it with --master 'local[2,3]'
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b, 1))


def sendPartition(records):
    connection = connect()
    cursor = connection.cursor()
    cursor.execute("UPDATE outage SET refused = refused - 1 WHERE refused > 0")
    if cursor.rowcount:
        connection.commit()
        connection.close()
        raise pymysql.err.OperationalError(2003, "Can't connect to MySQL server on 'db.example.com' (111)")
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
