"""pymysql's exception classes (pymysql/err.py), and SQLite's errors as MySQL would report them.

The classes are real pymysql's when python3-pymysql is installed, so a program's
`except pymysql.err.IntegrityError` catches what the SQLite database raises. Without pymysql a
stand-in module with the same hierarchy is used (the SQLite database needs no MySQL driver).
"""

import re
import sqlite3
import types


def _standin_err():
    m = types.ModuleType("pymysql.err")

    class MySQLError(Exception):
        """Exception related to operation with MySQL."""

    class Warning(Warning, MySQLError):  # noqa: A001 - pymysql's own name
        pass

    class Error(MySQLError):
        pass

    class InterfaceError(Error):
        pass

    class DatabaseError(Error):
        pass

    class DataError(DatabaseError):
        pass

    class OperationalError(DatabaseError):
        pass

    class IntegrityError(DatabaseError):
        pass

    class InternalError(DatabaseError):
        pass

    class ProgrammingError(DatabaseError):
        pass

    class NotSupportedError(DatabaseError):
        pass

    for cls in (MySQLError, Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
                IntegrityError, InternalError, ProgrammingError, NotSupportedError):
        cls.__module__ = "pymysql.err"
        setattr(m, cls.__name__, cls)
    return m


def err_module():
    try:
        import pymysql.err
        return pymysql.err
    except ImportError:
        return _standin_err()


err = err_module()


def _mysql_error(cls, code, message):
    return getattr(err, cls)(code, message)


def from_sqlite(e, database, statement=""):
    """A sqlite3 error as pymysql would raise MySQL's: the class, the error code and MariaDB's
    message where SQLite's text says enough to know them, with SQLite's own text after it."""
    msg = str(e)
    m = re.match(r"UNIQUE constraint failed: (.*)", msg)
    if m:
        key = m.group(1).split(", ")[0].split(".")[-1]
        if key == "rowid" or key == "id":
            key = "PRIMARY"
        return _mysql_error("IntegrityError", 1062, "Duplicate entry for key '%s' (SQLite: %s)" % (key, msg))
    m = re.match(r"NOT NULL constraint failed: (.*)", msg)
    if m:
        return _mysql_error("IntegrityError", 1048, "Column '%s' cannot be null" % m.group(1).split(".")[-1])
    if msg.startswith(("CHECK constraint failed", "FOREIGN KEY constraint failed")):
        code = 4025 if msg.startswith("CHECK") else 1452
        return _mysql_error("IntegrityError", code, msg)
    m = re.match(r"no such table: (?:main\.)?(.*)", msg)
    if m:
        return _mysql_error("ProgrammingError", 1146, "Table '%s.%s' doesn't exist" % (database, m.group(1)))
    m = re.match(r"table (?:\"?)(.*?)(?:\"?) already exists", msg)
    if m:
        return _mysql_error("OperationalError", 1050, "Table '%s' already exists" % m.group(1))
    m = re.match(r"no such column: (.*)", msg)
    if m:
        return _mysql_error("OperationalError", 1054, "Unknown column '%s' in 'field list'" % m.group(1))
    m = re.match(r"table (\S+) has (\d+) columns but (\d+) values were supplied", msg)
    if m or re.match(r"\d+ values for \d+ columns", msg):
        return _mysql_error("OperationalError", 1136, "Column count doesn't match value count at row 1")
    if msg.startswith("database is locked"):
        return _mysql_error("OperationalError", 1205,
                            "Lock wait timeout exceeded; try restarting transaction (SQLite: database is locked: "
                            "another connection of this program holds an uncommitted write)")
    if "syntax error" in msg or msg.startswith("incomplete input") or msg.startswith("unrecognized token"):
        return _mysql_error("ProgrammingError", 1064,
                            "You have an error in your SQL syntax: DStream Lab's SQLite database could not run "
                            "'%s' (SQLite: %s); if it is valid MySQL, run the program with --db local-mariadb "
                            "(a real MariaDB server)" % (statement[:200], msg))
    if msg.startswith("no such function"):
        return _mysql_error("OperationalError", 1305,
                            "FUNCTION %s does not exist in DStream Lab's SQLite database (SQLite: %s); run the "
                            "program with --db local-mariadb (a real MariaDB server) to use it"
                            % (msg.split(": ", 1)[-1], msg))
    if isinstance(e, sqlite3.IntegrityError):
        return _mysql_error("IntegrityError", 1105, msg)
    if isinstance(e, sqlite3.ProgrammingError):
        return _mysql_error("ProgrammingError", 1105, msg)
    if isinstance(e, sqlite3.DataError):
        return _mysql_error("DataError", 1105, msg)
    if isinstance(e, sqlite3.NotSupportedError):
        return _mysql_error("NotSupportedError", 1105, msg)
    return _mysql_error("OperationalError", 1105, msg)
