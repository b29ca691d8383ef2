# The same fault as db_fault_insert.py, with an idempotent write: the row is keyed by
# (batch time, word) and written with INSERT ... ON DUPLICATE KEY UPDATE count = VALUES(count), so
# the retried task's second write sets the same values again. A retry, or a batch recomputed after
# a restart, leaves the table as one clean run would (streaming guide, "Semantics of output
# operations": idempotent updates).
#
# Worked by hand (--master 'local[2,2]' --faults db_fault_upsert.faults): as in db_fault_insert.py,
# batch 1 s's result task for partition 0 (kafka 1, storm 1) fails after its commit and runs
# again; the second write updates the two rows to the values they hold. The table: batch 1 s
# flink 1, kafka 1, spark 3, storm 1; batch 2 s flink 1, hadoop 1, hive 2, spark 1: 8 rows, 11
# words counted for 11 words read.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS batch_counts")
    cursor.execute("CREATE TABLE batch_counts (batch_time VARCHAR(19) NOT NULL, word VARCHAR(64) NOT NULL, "
                   "count INT NOT NULL, PRIMARY KEY (batch_time, word))")
setup.close()

sc = SparkContext("local[2]", "DbFaultUpsert")  # the test runs it with --master 'local[2,2]'
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
            cursor.execute("INSERT INTO batch_counts (batch_time, word, count) VALUES (%s, %s, %s) "
                           "ON DUPLICATE KEY UPDATE count = VALUES(count)",
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
