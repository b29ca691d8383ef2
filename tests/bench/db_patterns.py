# Benchmark: rows/s written by each foreachRDD pattern of Spark's streaming guide ("Design Patterns
# for using foreachRDD") through DStream Lab's pymysql (docs/database.md), in real wall time, next
# to what the cost model charges (engine/costmodel.h; db_patterns.sh prints those). Run by
# db_patterns.sh:
#   dstreamlab run db_patterns.py --db sqlite:FILE | --db local-mariadb -- ROWS PARTITIONS
# Each pattern writes ROWS rows in PARTITIONS partitions with one Spark job (foreachPartition),
# timed with the machine's perf_counter on the driver (real time: the database's work, pymysql and the
# simulator's own overhead per task).
import sys

import pymysql

from pyspark import SparkContext
# The driver's time.perf_counter reads the simulated clock (pyspark/_internal.py); the benchmark
# wants the machine's.
from pyspark._internal import _real_clocks

wallClock = _real_clocks["perf_counter"]

sys.path.insert(0, "dbpatterns")
import benchpool  # noqa: E402

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
partitions = int(sys.argv[2]) if len(sys.argv) > 2 else 4
ARGS = dict(host="db.example.com", user="spark", password="secret", database="course")
benchpool.configure(**ARGS)


def connect():
    return pymysql.connect(**ARGS)


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS bench")
    cursor.execute("CREATE TABLE bench (id INT NOT NULL PRIMARY KEY, word VARCHAR(32) NOT NULL)")
setup.commit()
setup.close()

INSERT = "INSERT INTO bench (id, word) VALUES (%s, %s)"


def perRecord(record):
    connection = connect()
    with connection.cursor() as cursor:
        cursor.execute(INSERT, record)
    connection.commit()
    connection.close()


def perPartition(records):
    connection = connect()
    with connection.cursor() as cursor:
        for record in records:
            cursor.execute(INSERT, record)
    connection.commit()
    connection.close()


def pooled(records):
    connection = benchpool.getConnection()
    with connection.cursor() as cursor:
        for record in records:
            cursor.execute(INSERT, record)
    connection.commit()


sc = SparkContext("local[%d]" % partitions, "DbPatternsBench")
patterns = [("per record", lambda rdd: rdd.foreach(perRecord)),
            ("per partition", lambda rdd: rdd.foreachPartition(perPartition)),
            ("pooled", lambda rdd: rdd.foreachPartition(pooled))]
print("%-14s %8s %10s %12s" % ("pattern", "rows", "wall s", "rows/s"))
for k, (name, write) in enumerate(patterns):
    first = k * rows
    rdd = sc.parallelize([(first + i, "w%d" % (i % 97)) for i in range(rows)], partitions)
    start = wallClock()
    write(rdd)
    wall = wallClock() - start
    print("%-14s %8d %10.3f %12.0f" % (name, rows, wall, rows / wall))
check = connect()
with check.cursor() as cursor:
    cursor.execute("SELECT COUNT(*) FROM bench")
    written = cursor.fetchone()[0]
check.close()
assert written == 3 * rows, "expected %d rows, found %d" % (3 * rows, written)
sc.stop()
