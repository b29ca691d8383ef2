# The "static, lazily initialized pool of connections" of Spark's streaming guide ("Design
# Patterns for using foreachRDD"), for db_reused_connection.py: one connection per Python worker,
# opened by the first task that asks and reused by every later task (PySpark reuses its workers,
# spark.python.worker.reuse). A module, not the program, holds it: functions of an imported module
# are pickled by reference, so the connection never travels with a task (with spark-submit, ship
# this folder with --py-files).
import pymysql

_connection = None


def getConnection():
    global _connection
    if _connection is None or not _connection.open:
        _connection = pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")
    return _connection


def returnConnection(connection):
    """Kept open for the next task."""
