"""A DB-API 2 connection and cursor with pymysql's interface over one SQLite file.

What a course program does with pymysql (connect, cursor, execute with %s parameters,
executemany, fetch*, commit, rollback, close, `with` blocks, DictCursor) works unchanged; the
statements go through mysql_dialect.translate. As with MySQL's InnoDB, writes are visible to
other connections only after commit(), and close() without commit() discards them.
"""

import os
import sqlite3

from . import activity
from . import cost
from . import mysql_dialect as dialect
from .errors import err, from_sqlite


class Cursor:
    """pymysql.cursors.Cursor's interface: rows are tuples (DictCursor: dicts), buffered."""

    def __init__(self, connection, as_dict=False):
        self.connection = connection
        self._as_dict = as_dict
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self.arraysize = 1
        self.rownumber = 0
        self._rows = []
        self._closed = False

    # -- execution ------------------------------------------------------------------------
    @cost.timed
    def execute(self, query, args=None):
        """Runs one statement; returns the affected rows (a SELECT: the rows it returned)."""
        conn = self._check()
        try:
            statements, params = dialect.translate(query, args)
        except dialect.NotTranslatable as e:
            raise err.NotSupportedError(1235, str(e)) from None
        except dialect.QuotedPlaceholder:
            raise err.ProgrammingError(
                1064, "You have an error in your SQL syntax: '%s' is inside quotes in " + repr(query)[:200]
                + ", but pymysql quotes a parameter itself: write %s without quotes") from None
        except dialect.SyntaxErrorNear as e:
            raise err.ProgrammingError(1064, str(e)) from None
        except dialect.ProgrammingErrorEmpty:
            raise err.ProgrammingError(1065, "Query was empty") from None
        cost.charge("statement")
        return self._run(conn, statements, params, query)

    def _run(self, conn, statements, params, query):
        self._rows = []
        self.rownumber = 0
        self.description = None
        self.rowcount = 0
        for k, sql in enumerate(statements):
            ddl = sql.lstrip().upper().startswith(("CREATE", "DROP", "ALTER")) or \
                query.lstrip().upper().startswith("TRUNCATE")
            if ddl:
                conn._implicit_commit()  # MySQL commits before and after DDL
            conn._tracker.before_statement(sql)
            try:
                cur = conn._db.execute(sql, params if k == 0 else ())
            except sqlite3.Error as e:
                raise from_sqlite(e, conn.db_name, sql) from None
            if cur.description is not None:
                names = [d[0] for d in cur.description]
                rows = cur.fetchall()
                self.description = tuple((n, None, None, None, None, None, True) for n in names)
                self._rows = [dict(zip(names, r)) for r in rows] if self._as_dict else [tuple(r) for r in rows]
                self.rowcount = len(self._rows)
                cost.charge("row", len(self._rows))
            else:
                self.rowcount = max(cur.rowcount, 0)
                if cur.lastrowid:
                    self.lastrowid = cur.lastrowid
                    conn._last_insert_id = cur.lastrowid
            if ddl:
                conn._implicit_commit()
        if conn._autocommit and conn._db.in_transaction:
            conn._db.commit()
        if not conn._db.in_transaction:
            conn._tracker.committed()  # what it wrote is in the file now (the view's writers)
        return self.rowcount

    @cost.timed
    def executemany(self, query, args):
        """As pymysql: an INSERT/REPLACE ... VALUES is sent as one multi-row statement (charged
        once, plus a row each); any other statement once per argument tuple."""
        conn = self._check()
        if not args:
            return None
        args = list(args)
        head = query.lstrip().upper()
        if head.startswith(("INSERT", "REPLACE")) and "VALUES" in head:
            total = 0
            cost.charge("statement")
            cost.charge("row", len(args))
            for a in args:
                try:
                    statements, params = dialect.translate(query, a)
                except dialect.NotTranslatable as e:
                    raise err.NotSupportedError(1235, str(e)) from None
                except dialect.SyntaxErrorNear as e:
                    raise err.ProgrammingError(1064, str(e)) from None
                total += self._run(conn, statements, params, query)
            self.rowcount = total
            return total
        total = 0
        for a in args:
            total += self.execute(query, a)
        self.rowcount = total
        return total

    def callproc(self, procname, args=()):
        raise err.NotSupportedError(1235, str(dialect.NotTranslatable("stored procedures (callproc)")))

    def mogrify(self, query, args=None):
        """The text pymysql would send (values quoted into it); only for display."""
        if args is None:
            return query
        esc = self.connection.escape
        if isinstance(args, dict):
            return query % {k: esc(v) for k, v in args.items()}
        return query % tuple(esc(a) for a in (args if isinstance(args, (tuple, list)) else (args,)))

    # -- results ----------------------------------------------------------------------------
    def fetchone(self):
        self._check_executed()
        if self.rownumber >= len(self._rows):
            return None
        row = self._rows[self.rownumber]
        self.rownumber += 1
        return row

    def fetchmany(self, size=None):
        self._check_executed()
        end = self.rownumber + (size or self.arraysize)
        rows = self._rows[self.rownumber:end]
        self.rownumber = min(end, len(self._rows))
        return tuple(rows)

    def fetchall(self):
        self._check_executed()
        rows = self._rows[self.rownumber:]
        self.rownumber = len(self._rows)
        return tuple(rows) if not self._as_dict else list(rows)

    def scroll(self, value, mode="relative"):
        self.rownumber = value if mode == "absolute" else self.rownumber + value

    def __iter__(self):
        return iter(self.fetchone, None)

    def setinputsizes(self, *args):
        pass

    def setoutputsizes(self, *args):
        pass

    def nextset(self):
        return None

    def close(self):
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __reduce_ex__(self, protocol):
        return self.connection.__reduce_ex__(protocol)

    def _check(self):
        if self._closed or self.connection is None:
            raise err.ProgrammingError("Cursor closed")
        return self.connection._check_open()

    def _check_executed(self):
        if self.rowcount == -1:
            raise err.ProgrammingError("execute() first")


class Connection:
    """pymysql.connections.Connection's interface over a SQLite file."""

    @cost.timed
    def __init__(self, path, database="", autocommit=False, cursorclass=None, host=None, user=None):
        cost.charge("connect")
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        # timeout=0: the simulation runs one task at a time, so a lock held by another open
        # transaction is never released while this one waits (MySQL would time out after 50 s).
        self._db = sqlite3.connect(path, timeout=0, isolation_level="DEFERRED", check_same_thread=False)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._tracker = activity.Tracker(self._db)
        self.db_name = database or "dstreamlab"
        self.db = self.db_name.encode()
        self.host = host or "localhost"
        self.user = user
        self._autocommit = bool(autocommit)
        self._cursorclass = cursorclass
        self._last_insert_id = 0
        self.open = True
        self.path = path

    # -- pymysql API ----------------------------------------------------------------------
    def cursor(self, cursor=None):
        cls = cursor or self._cursorclass
        as_dict = cls is not None and "Dict" in getattr(cls, "__name__", "")
        return Cursor(self, as_dict)

    @cost.timed
    def commit(self):
        self._check_open()
        cost.charge("commit")
        try:
            self._db.commit()
        except sqlite3.Error as e:
            raise from_sqlite(e, self.db_name) from None
        self._tracker.committed()

    @cost.timed
    def rollback(self):
        self._check_open()
        cost.charge("statement")
        self._db.rollback()
        self._tracker.rolled_back()

    @cost.timed
    def close(self):
        if not self.open:
            raise err.Error("Already closed")
        cost.charge("close")
        self._db.rollback()  # MySQL discards what was not committed when a session ends
        self._tracker.rolled_back()
        self._db.close()
        self.open = False

    def autocommit(self, value):
        self._autocommit = bool(value)
        if self._autocommit and self._db.in_transaction:
            self._db.commit()

    def get_autocommit(self):
        return self._autocommit

    def begin(self):
        self._check_open()
        cost.charge("statement")
        self._implicit_commit()
        self._db.execute("BEGIN")

    def ping(self, reconnect=True):
        self._check_open()
        cost.charge("statement")

    def select_db(self, db):
        self._check_open()
        self.db_name = db

    def insert_id(self):
        return self._last_insert_id

    def show_warnings(self):
        return ()

    def escape(self, obj, mapping=None):
        v = dialect.to_sqlite_value(obj)
        return "NULL" if v is None else (str(v) if isinstance(v, (int, float)) else "'" + str(v).replace("'", "''") + "'")

    def literal(self, obj):
        return self.escape(obj)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        # pymysql 1.0: leaving `with connection:` closes it
        if self.open:
            self.close()

    def __del__(self):
        try:
            if self.open:
                self._db.close()
        except Exception:
            pass

    def __reduce_ex__(self, protocol):
        # A pymysql connection holds its server's socket, and pickling one fails on it; this one
        # fails the same way, so the foreachRDD mistake reads as it does on Spark.
        raise TypeError("cannot pickle 'socket' object")

    def __repr__(self):
        return "<pymysql.connections.Connection object (DStream Lab SQLite: %s)>" % self.path

    # -- helpers ----------------------------------------------------------------------------
    def _check_open(self):
        if not self.open:
            raise err.InterfaceError(0, "")
        return self

    def _implicit_commit(self):
        if self._db.in_transaction:
            self._db.commit()
        self._tracker.committed()
