"""DStream Lab's database layer: where a program's `pymysql.connect(...)` goes (docs/database.md).

install(config) is called by the runtime at the start of every run with the `--db` choice:

- {"mode": "sqlite", "path": FILE}: `pymysql.connect(...)` opens FILE through
  sqlite_backend.Connection (MySQL's dialect translated), whatever host, user and password the
  program names; DStream Lab says so once on stderr.
- {"mode": "mysql", "host", "port", "user", "password", "database"[, "admin_socket"]}: real
  pymysql, with the connection's address, user, password and database replaced by these (a
  local MariaDB that DStream Lab started, or `--db mysql://...`). With admin_socket, the database
  and the user are created on first use through the server's root account on that socket.
- {"mode": "none"}: real pymysql with the program's own arguments.

In every mode the connect, each statement, commit and close are charged to the running task's
simulated time (cost.py). The `sqlite3` module is left as it is.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import sys

from . import activity
from . import cost

_config = {"mode": "none"}
_noted = False
_prepared = False


def install(config=None):
    """Sets the run's database choice (a dict of strings) and arranges that `import pymysql`
    gives a pymysql whose connect() follows it."""
    global _config, _noted, _prepared
    _config = dict(config or {"mode": "none"})
    activity.reset()
    _noted = False
    _prepared = False
    if not any(isinstance(f, _PymysqlFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _PymysqlFinder())
    if "pymysql" in sys.modules:
        _patch(sys.modules["pymysql"])


def config():
    return dict(_config)


def _note(text):
    global _noted
    if not _noted:
        _noted = True
        sys.stderr.write("DStream Lab: " + text + "\n")


def _named(kwargs):
    shown = []
    for k in ("host", "port", "user", "database", "db"):
        if kwargs.get(k) not in (None, "", 0):
            shown.append("%s=%r" % (k, kwargs[k]))
    return ", ".join(shown)


# ---- the import hook ----------------------------------------------------------------------

class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        _patch(module)


class _StandinLoader(importlib.abc.Loader):
    """`import pymysql` without python3-pymysql: enough of it for the SQLite database."""

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        from .errors import err
        import types
        sys.modules["pymysql.err"] = err
        module.err = err
        for name in ("MySQLError", "Warning", "Error", "InterfaceError", "DatabaseError", "DataError",
                     "OperationalError", "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError"):
            setattr(module, name, getattr(err, name))
        cursors = types.ModuleType("pymysql.cursors")

        class Cursor:
            pass

        class DictCursor(Cursor):
            pass

        cursors.Cursor, cursors.DictCursor = Cursor, DictCursor
        cursors.SSCursor, cursors.SSDictCursor = Cursor, DictCursor
        sys.modules["pymysql.cursors"] = cursors
        module.cursors = cursors
        module.paramstyle = "pyformat"
        module.apilevel = "2.0"
        module.threadsafety = 1
        module.__version__ = "DStream Lab stand-in"
        _patch(module)


class _PymysqlFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "pymysql":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None:
            if _config.get("mode") == "sqlite":
                return importlib.util.spec_from_loader("pymysql", _StandinLoader(), is_package=True)
            return None
        spec.loader = _PatchingLoader(spec.loader)
        return spec


def _patch(module):
    """Points pymysql's connect (and its aliases Connect, Connection) at _connect."""
    if getattr(module, "_dstreamlab_patched", False):
        return
    module._dstreamlab_real_connection = getattr(module, "Connection", None)
    if hasattr(module, "connections"):
        module._dstreamlab_real_connection = module.connections.Connection

    def connect(*args, **kwargs):
        return _connect(module, args, kwargs)

    connect.__doc__ = getattr(module._dstreamlab_real_connection, "__doc__", None)
    module.connect = module.Connect = module.Connection = connect
    module._dstreamlab_patched = True


# ---- connecting ---------------------------------------------------------------------------

def _connect(module, args, kwargs):
    real = module._dstreamlab_real_connection
    mode = _config.get("mode", "none")
    if real is not None:
        # The same TypeError as real pymysql for arguments it does not take (they are keyword-only).
        try:
            inspect.signature(real.__init__).bind(None, *args, **kwargs)
        except TypeError:
            real(*args, **kwargs)  # raises its TypeError before connecting anywhere
            raise
    if mode == "sqlite":
        from .sqlite_backend import Connection
        path = _config["path"]
        _note("pymysql.connect(%s) uses the program's SQLite database %s; the host, user and password "
              "it names are not used (--db local-mariadb runs a real MariaDB server)" % (_named(kwargs), path))
        cursorclass = kwargs.get("cursorclass")
        return Connection(path, database=kwargs.get("database") or kwargs.get("db") or "",
                          autocommit=kwargs.get("autocommit", False), cursorclass=cursorclass,
                          host=kwargs.get("host"), user=kwargs.get("user"))
    charged = _charged_class(module, real)
    if mode == "mysql":
        given = _named(kwargs)
        kwargs = dict(kwargs)
        for k in ("passwd", "db", "unix_socket", "read_default_file", "read_default_group", "named_pipe"):
            kwargs.pop(k, None)
        kwargs.update(host=_config["host"], port=int(_config["port"]), user=_config["user"],
                      password=_config.get("password", ""), database=_config["database"])
        _prepare_database(real)
        _note("pymysql.connect(%s) connects to %s: %s@%s:%s, database %s" % (
            given, _config.get("label", "the chosen server"), _config["user"], _config["host"], _config["port"],
            _config["database"]))
    return charged(*args, **kwargs)


def _prepare_database(real):
    """A local MariaDB that DStream Lab started: the program's database and user, made once."""
    global _prepared
    sock = _config.get("admin_socket")
    if _prepared or not sock:
        return
    admin = real(unix_socket=sock, user=_config.get("admin_user", "root"), password="", autocommit=True)
    try:
        cur = admin.cursor()
        db = _config["database"].replace("`", "``")
        cur.execute("CREATE DATABASE IF NOT EXISTS `%s`" % db)
        for host in ("localhost", "127.0.0.1"):
            cur.execute("CREATE USER IF NOT EXISTS %s@%s IDENTIFIED BY %s", (_config["user"], host, _config["password"]))
            cur.execute("GRANT ALL PRIVILEGES ON `%s`.* TO %%s@%%s" % db, (_config["user"], host))
    finally:
        admin.close()
    _prepared = True


_charged_classes = {}


def _charged_class(module, real):
    """A subclass of pymysql's Connection that charges the running task for what it does."""
    if real in _charged_classes:
        return _charged_classes[real]

    class Connection(real):
        __doc__ = real.__doc__

        @cost.timed
        def __init__(self, *args, **kwargs):
            cost.charge("connect")
            super().__init__(*args, **kwargs)

        @cost.timed
        def query(self, sql, unbuffered=False):
            cost.charge("statement")
            result = super().query(sql, unbuffered)
            rows = getattr(getattr(self, "_result", None), "rows", None)
            if rows:
                cost.charge("row", len(rows))
            return result

        @cost.timed
        def commit(self):
            cost.charge("commit")
            return super().commit()

        @cost.timed
        def rollback(self):
            cost.charge("statement")
            return super().rollback()

        @cost.timed
        def close(self):
            cost.charge("close")
            return super().close()

    # Importable by name, so that pickling one (the foreachRDD mistake) reaches, as with
    # pymysql's own class, the socket it holds.
    Connection.__qualname__ = Connection.__name__ = "ChargedConnection"
    globals()["ChargedConnection"] = Connection
    _charged_classes[real] = Connection
    return Connection
