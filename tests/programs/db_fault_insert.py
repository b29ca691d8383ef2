# A task that fails after its writes (`--faults`: fail-task) is retried, and a plain INSERT then
# writes its rows twice: Spark's output operations are at-least-once (streaming guide, "Semantics
# of output operations"), the sink must make a second write harmless. Compare db_fault_upsert.py.
#
# Worked by hand (the test runs it with --master 'local[2,2]' --faults db_fault_insert.faults):
# the lines at 0.5 s and 0.7 s are batch 1 s (spark 3, kafka 1, flink 1, storm 1), those at 1.5 s
# and 1.8 s batch 2 s (spark 1, flink 1, hive 2, hadoop 1). reduceByKey's two partitions are
# portable_hash(word) % 2 with PYTHONHASHSEED=0: kafka, storm, hive and hadoop in partition 0,
# spark and flink in partition 1. The fault (1 s, output=0) fails the first task of output 0 run at
# or after 1 s: batch 1 s's result task for partition 0 (stage 1, TID 2), after it inserted and
# committed kafka 1 and storm 1. Its retry (attempt 0.1, TID 4, with spark.task.maxFailures 2)
# inserts them again. So the table holds kafka and storm twice for 10:00:01, every other row once:
# 10 rows, 13 words counted for 11 words read.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS batch_counts")
    cursor.execute("CREATE TABLE batch_counts (batch_time VARCHAR(19) NOT NULL, word VARCHAR(64) NOT NULL, "
                   "count INT NOT NULL)")
setup.close()

sc = SparkContext("local[2]", "DbFaultInsert")  # the test runs it with --master 'local[2,2]'
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b))


def save(time, rdd):
    def sendPartition(records):
        connection = connect()
        cursor = connection.cursor()
        for word, n in records:
            cursor.execute("INSERT INTO batch_counts (batch_time, word, count) VALUES (%s, %s, %s)",
                           (str(time), word, n))
        connection.commit()
        connection.close()
    rdd.foreachPartition(sendPartition)


counts.foreachRDD(save)
ssc.start()
ssc.awaitTerminationOrTimeout(3)
ssc.stop(stopGraceFully=True)

check = connect()
cursor = check.cursor()
cursor.execute("SELECT batch_time, word, count FROM batch_counts ORDER BY batch_time, word")
for row in cursor.fetchall():
    print(row)
cursor.execute("SELECT COUNT(*), SUM(count) FROM batch_counts")
print("rows, words counted:", cursor.fetchone())
check.close()
