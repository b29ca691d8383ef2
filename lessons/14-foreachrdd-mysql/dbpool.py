# A static, lazily created pool, as Spark's guide describes it: one connection per Python worker,
# opened by the first task that asks and kept for every later task (PySpark reuses its workers:
# spark.python.worker.reuse). It lives in a module, not in the program: a function of an imported
# module is pickled by reference, so the connection never travels with a task. (With
# spark-submit, ship this file with --py-files dbpool.py.)
import pymysql

_connection = None


def getConnection():
    global _connection
    if _connection is None or not _connection.open:
        _connection = pymysql.connect(host="localhost", user="spark", password="secret", database="course")
    return _connection


def returnConnection(connection):
    """Kept open for the next task."""
