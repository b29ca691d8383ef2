"""What the program did to its SQLite database, for the dashboard's database view (docs/database.md).

- Which task wrote each row: every SQLite connection of the program gets temporary triggers
  (AFTER INSERT/UPDATE/DELETE on each table) that call back into Python with the table and the
  rowid. A write is noted for the connection's open transaction and becomes the row's writer
  (batch time, partition, attempt, task id of the running task; the driver: no task) when that
  transaction commits; a rollback or a close without commit forgets it, as the database does.
- Statements and connections per batch: counted by cost.charge (every statement, connect,
  commit and close of any backend) under the running task's batch time, with the simulated time
  charged for them (sim_ns) and the real time the database calls took (wall_ns, cost.timed): the
  view shows both, so the cost model's figures can be set against the real ones. The real time is
  shown only; it enters no result.
- capture(max_rows): the tables as the file holds them now, read on a connection of its own.
- image(path) / restore(path, data): the file's content as bytes (SQLite's serialize) and put back
  through SQLite's backup API, so that the dashboard's replay starts from the database its run
  started from.

Nothing here is charged to simulated time, and none of it runs the program's code.
"""

import os
import re
import sqlite3
import urllib.parse

try:
    import _dstreamlab
except ImportError:  # plain python3 (tests)
    _dstreamlab = None

#: (table, rowid) -> (batch time ms or None, partition, attempt, task id); the driver: (None, -1, 0, -1)
writers = {}
#: batch time ms (None: the driver) -> {"statement": n, "connect": n, "commit": n, "close": n}
counts = {}
#: the writer tests use outside DStream Lab (no task runs there)
test_task = None

_DRIVER = (None, -1, 0, -1)


def reset():
    """A new run: no writer known, nothing counted."""
    writers.clear()
    counts.clear()


def current_task():
    """(batch time ms or None, partition, attempt, task id) of the running task, or the driver's."""
    if _dstreamlab is None:
        return test_task or _DRIVER
    t = _dstreamlab.current_task()
    return _DRIVER if t is None else (t[0], t[1], t[2], t[3])


def count(kind, n=1):
    if kind == "row":
        return
    batch = current_task()[0]
    c = counts.setdefault(batch, {})
    c[kind] = c.get(kind, 0) + n


def batch_counts(batch_ms):
    """What the tasks of the batch at batch_ms did: a dict of statement, connect, commit, close,
    sim_ns and wall_ns (read once, when the batch completes: then forgotten)."""
    c = counts.pop(batch_ms, {})
    return {k: c.get(k, 0) for k in ("statement", "connect", "commit", "close", "sim_ns", "wall_ns")}


# ---- writers, through temporary triggers -------------------------------------------------------

class Tracker:
    """One per sqlite3 connection of the program: its triggers and its uncommitted writes."""

    def __init__(self, db):
        self._db = db
        self._schema = None
        self._pending = []  # (op, table, rowid, writer)
        db.create_function("_dstreamlab_wrote", 3, self._wrote, deterministic=False)

    def _wrote(self, op, table, rowid):
        self._pending.append((op, table, rowid, current_task()))
        return 0

    def before_statement(self, sql):
        """Triggers on every table (again after the schema changed); a dropped table's writers go."""
        m = re.match(r'\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?"?([^"\s;]+)"?', sql, re.I)
        if m:
            self._pending.append(("drop", m.group(1), None, None))
        try:
            version = self._db.execute("PRAGMA schema_version").fetchone()[0]
        except sqlite3.Error:
            return
        if version == self._schema:
            return
        self._schema = version
        try:
            names = [r[0] for r in self._db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        except sqlite3.Error:
            return
        for name in names:
            q = '"' + name.replace('"', '""') + '"'
            lit = "'" + name.replace("'", "''") + "'"
            for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                trig = '"_dstreamlab_%s_%s"' % (op.lower(), name.replace('"', '""'))
                try:
                    self._db.execute("CREATE TEMP TRIGGER IF NOT EXISTS %s AFTER %s ON main.%s BEGIN "
                                     "SELECT _dstreamlab_wrote('%s', %s, %s.rowid); END"
                                     % (trig, op, q, op.lower(), lit, row))
                except sqlite3.Error:
                    break  # a WITHOUT ROWID table: its rows have no writer shown

    def committed(self):
        for op, table, rowid, writer in self._pending:
            if op == "drop":
                for key in [k for k in writers if k[0] == table]:
                    del writers[key]
            elif op == "delete":
                writers.pop((table, rowid), None)
            else:
                writers[(table, rowid)] = writer
        self._pending.clear()

    def rolled_back(self):
        self._pending = [p for p in self._pending if p[0] == "drop"]  # DDL commits by itself
        self.committed()


# ---- reading the file -------------------------------------------------------------------------

def _text(v):
    if v is None:
        return "NULL"
    if isinstance(v, bytes):
        return "<%d bytes>" % len(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _read_only(path):
    return sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(os.path.abspath(path)), uri=True, timeout=0)


def capture(path, max_rows):
    """The tables of the SQLite file at path, each (name, columns, total rows, rows), rows the first
    max_rows by rowid as (rowid, [cell text], writer or None); None when there is no such file."""
    if not path or not os.path.exists(path):
        return None
    db = _read_only(path)
    try:
        tables = []
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for name in names:
            q = '"' + name.replace('"', '""') + '"'
            columns = [r[1] for r in db.execute("PRAGMA table_info(%s)" % q)]
            total = db.execute("SELECT count(*) FROM %s" % q).fetchone()[0]
            rows = []
            try:
                cur = db.execute("SELECT rowid, * FROM %s ORDER BY rowid LIMIT ?" % q, (max_rows,))
                for r in cur:
                    rows.append((r[0], [_text(v) for v in r[1:]], writers.get((name, r[0]))))
            except sqlite3.OperationalError:  # WITHOUT ROWID
                for i, r in enumerate(db.execute("SELECT * FROM %s LIMIT ?" % q, (max_rows,))):
                    rows.append((i + 1, [_text(v) for v in r], None))
            tables.append((name, columns, total, rows))
        return tables
    finally:
        db.close()


def image(path):
    """The file's content (bytes), or None when there is no file."""
    if not path or not os.path.exists(path):
        return None
    db = _read_only(path)
    try:
        return db.serialize()
    finally:
        db.close()


def restore(path, data):
    """Puts the content image() returned back into the file (None: an empty database), with the
    backup API, so that connections still open to the file see the change as another writer's."""
    if not path or (data is None and not os.path.exists(path)):
        return
    src = sqlite3.connect(":memory:")
    try:
        if data is not None:
            src.deserialize(data)
        dst = sqlite3.connect(path, timeout=1)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    reset()
