# The pooled-connection pattern's pool for db_patterns.py: one connection per Python worker, made by
# the first task that asks and reused by later tasks (tests/programs/dbpool/ is the same for the
# goldens). A module, so the connection is never pickled with a task.
import pymysql

_connection = None
_args = {}


def configure(**kwargs):
    _args.update(kwargs)


def getConnection():
    global _connection
    if _connection is None or not _connection.open:
        _connection = pymysql.connect(**_args)
    return _connection
