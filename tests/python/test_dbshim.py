# Unit tests of DStream Lab's database layer (resources/python/dstreamlab_db) on plain python3:
# MySQL's dialect translated to SQLite's, pymysql's behaviour over a SQLite file, the errors.
# Expected values are MySQL's documented behaviour (and MariaDB 10.11's messages), not the layer's
# output.
import os
import pickle
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "resources", "python"))

import dstreamlab_db  # noqa: E402
from dstreamlab_db import activity  # noqa: E402
from dstreamlab_db import cost  # noqa: E402
from dstreamlab_db import mysql_dialect as d  # noqa: E402
from dstreamlab_db.errors import err  # noqa: E402


class TranslateStatements(unittest.TestCase):
    def test_percent_s_becomes_a_bound_parameter(self):
        stmts, params = d.translate("INSERT INTO t (w, n) VALUES (%s, %s)", ("a", 1))
        self.assertEqual(stmts, ['INSERT INTO t (w, n) VALUES (?, ?)'])
        self.assertEqual(params, ("a", 1))

    def test_named_parameters(self):
        stmts, params = d.translate("SELECT * FROM t WHERE w = %(word)s", {"word": "x"})
        self.assertEqual(stmts, ["SELECT * FROM t WHERE w = :word"])
        self.assertEqual(params, {"word": "x"})

    def test_double_percent_is_a_percent_sign_only_with_args(self):
        self.assertEqual(d.translate("SELECT * FROM t WHERE w LIKE 'a%%' AND n = %s", (1,))[0],
                         ["SELECT * FROM t WHERE w LIKE 'a%' AND n = ?"])
        self.assertEqual(d.translate("SELECT * FROM t WHERE w LIKE 'a%%'")[0],
                         ["SELECT * FROM t WHERE w LIKE 'a%%'"])

    def test_argument_count_errors_are_pythons_format_errors(self):
        with self.assertRaisesRegex(TypeError, "^not enough arguments for format string$"):
            d.translate("INSERT INTO t VALUES (%s, %s)", ("a",))
        with self.assertRaisesRegex(TypeError, "^not all arguments converted during string formatting$"):
            d.translate("INSERT INTO t VALUES (%s)", ("a", 1))

    def test_a_single_value_may_stand_for_the_tuple(self):
        self.assertEqual(d.translate("DELETE FROM t WHERE w = %s", "x")[1], ("x",))

    def test_backquotes_and_mysql_string_escapes(self):
        stmts, _ = d.translate("SELECT `from` FROM `t` WHERE w = 'it\\'s' OR w = \"a\"")
        self.assertEqual(stmts, ['SELECT "from" FROM "t" WHERE w = \'it\'\'s\' OR w = \'a\''])

    def test_hash_and_dash_comments_go(self):
        self.assertEqual(d.translate("SELECT 1 # one\n-- two\n")[0], ["SELECT 1"])

    def test_on_duplicate_key_update_with_values(self):
        stmts, _ = d.translate("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                               "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", ("a", 1))
        self.assertEqual(stmts, ["INSERT INTO wordcount (word, count) VALUES (?, ?) "
                                 "ON CONFLICT DO UPDATE SET count = count + excluded.count"])

    def test_on_duplicate_key_update_with_a_row_alias(self):
        stmts, _ = d.translate("INSERT INTO t (w, n) VALUES (%s, %s) AS new ON DUPLICATE KEY UPDATE n = n + new.n",
                               ("a", 1))
        self.assertEqual(stmts, ["INSERT INTO t (w, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n"])

    def test_replace_and_insert_ignore(self):
        self.assertEqual(d.translate("REPLACE INTO t VALUES (%s)", (1,))[0], ["REPLACE INTO t VALUES (?)"])
        self.assertEqual(d.translate("INSERT IGNORE INTO t VALUES (%s)", (1,))[0],
                         ["INSERT OR IGNORE INTO t VALUES (?)"])

    def test_create_table_with_mysql_types_and_auto_increment(self):
        stmts, _ = d.translate(
            "CREATE TABLE IF NOT EXISTS wordcount (\n"
            "  id INT(11) UNSIGNED NOT NULL AUTO_INCREMENT,\n"
            "  word VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,\n"
            "  count BIGINT DEFAULT 0,\n"
            "  updated DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
            "  PRIMARY KEY (id),\n"
            "  UNIQUE KEY uk_word (word),\n"
            "  KEY idx_count (count)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
        self.assertEqual(stmts, [
            'CREATE TABLE IF NOT EXISTS "wordcount" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, '
            '"word" TEXT NOT NULL, "count" INTEGER DEFAULT 0, '
            '"updated" DATETIME DEFAULT (datetime(\'now\', \'localtime\')), UNIQUE ("word"))',
            'CREATE INDEX IF NOT EXISTS "wordcount_idx_count" ON "wordcount" ("count")'])

    def test_inline_auto_increment_primary_key(self):
        stmts, _ = d.translate("CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, w VARCHAR(20) UNIQUE)")
        self.assertEqual(stmts, ['CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "w" TEXT UNIQUE)'])

    def test_what_cannot_be_translated_says_so_and_names_mariadb(self):
        for sql in ("ALTER TABLE t ADD COLUMN c INT",
                    "CREATE TABLE t (a TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)",
                    "CREATE TABLE t (g GEOMETRY)",
                    "SHOW CREATE TABLE t"):
            with self.subTest(sql=sql):
                with self.assertRaises(d.NotTranslatable) as cm:
                    d.translate(sql)
                self.assertIn("cannot translate", str(cm.exception))
                self.assertIn("--db local-mariadb", str(cm.exception))

    def test_two_statements_in_one_execute_are_a_syntax_error(self):
        with self.assertRaises(d.SyntaxErrorNear):
            d.translate("DELETE FROM t; DROP TABLE t")


class SqliteConnection(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "prog.sqlite")
        dstreamlab_db.install({"mode": "sqlite", "path": self.path})
        import pymysql
        self.pymysql = pymysql
        self.conn = pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE IF NOT EXISTS wordcount (word VARCHAR(64) PRIMARY KEY, count INT NOT NULL)")

    def tearDown(self):
        if self.conn.open:
            self.conn.close()
        self.dir.cleanup()

    def rows(self):
        c = self.pymysql.connect(host="elsewhere", user="u", password="p", database="course")
        try:
            cur = c.cursor()
            cur.execute("SELECT word, count FROM wordcount ORDER BY word")
            return cur.fetchall()
        finally:
            c.close()

    def test_sql_typed_by_a_student_is_stored_as_data(self):
        evil = "'); DROP TABLE wordcount; --"
        cur = self.conn.cursor()
        cur.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s)", (evil, 1))
        self.conn.commit()
        self.assertEqual(self.rows(), ((evil, 1),))

    def test_running_totals_with_on_duplicate_key_update(self):
        cur = self.conn.cursor()
        sql = "INSERT INTO wordcount (word, count) VALUES (%s, %s) ON DUPLICATE KEY UPDATE count = count + VALUES(count)"
        for w, n in [("spark", 2), ("kafka", 1), ("spark", 3)]:
            cur.execute(sql, (w, n))
        self.conn.commit()
        self.assertEqual(self.rows(), (("kafka", 1), ("spark", 5)))

    def test_uncommitted_writes_are_not_seen_and_close_discards_them(self):
        cur = self.conn.cursor()
        cur.execute("INSERT INTO wordcount VALUES (%s, %s)", ("a", 1))
        self.conn.close()
        self.assertEqual(self.rows(), ())

    def test_duplicate_primary_key_is_mysqls_integrity_error_1062(self):
        cur = self.conn.cursor()
        cur.execute("INSERT INTO wordcount VALUES (%s, %s)", ("a", 1))
        with self.assertRaises(self.pymysql.err.IntegrityError) as cm:
            cur.execute("INSERT INTO wordcount VALUES (%s, %s)", ("a", 2))
        self.assertEqual(cm.exception.args[0], 1062)

    def test_null_in_not_null_column_is_1048(self):
        with self.assertRaises(self.pymysql.err.IntegrityError) as cm:
            self.conn.cursor().execute("INSERT INTO wordcount VALUES (%s, %s)", ("a", None))
        self.assertEqual(cm.exception.args, (1048, "Column 'count' cannot be null"))

    def test_missing_table_is_programming_error_1146(self):
        with self.assertRaises(self.pymysql.err.ProgrammingError) as cm:
            self.conn.cursor().execute("SELECT * FROM nosuch")
        self.assertEqual(cm.exception.args, (1146, "Table 'course.nosuch' doesn't exist"))

    def test_untranslatable_statement_is_not_supported_error_naming_mariadb(self):
        with self.assertRaises(self.pymysql.err.NotSupportedError) as cm:
            self.conn.cursor().execute("ALTER TABLE wordcount ADD COLUMN c INT")
        self.assertIn("--db local-mariadb", cm.exception.args[1])

    def test_quoted_placeholder_is_a_syntax_error(self):
        with self.assertRaises(self.pymysql.err.ProgrammingError) as cm:
            self.conn.cursor().execute("INSERT INTO wordcount VALUES ('%s', 1)", ("a",))
        self.assertEqual(cm.exception.args[0], 1064)

    def test_auto_increment_ids_and_lastrowid(self):
        cur = self.conn.cursor()
        cur.execute("CREATE TABLE IF NOT EXISTS events (id INT AUTO_INCREMENT PRIMARY KEY, w VARCHAR(10))")
        cur.execute("INSERT INTO events (w) VALUES (%s)", ("a",))
        cur.execute("INSERT INTO events (w) VALUES (%s)", ("b",))
        self.assertEqual(cur.lastrowid, 2)
        self.assertEqual(self.conn.insert_id(), 2)

    def test_executemany_and_dict_cursor(self):
        cur = self.conn.cursor()
        self.assertEqual(cur.executemany("REPLACE INTO wordcount VALUES (%s, %s)", [("a", 1), ("b", 2), ("a", 3)]), 3)
        self.conn.commit()
        c = self.pymysql.connect(host="x", cursorclass=self.pymysql.cursors.DictCursor)
        with c.cursor() as dc:
            self.assertEqual(dc.execute("SELECT * FROM wordcount ORDER BY word"), 2)
            self.assertEqual(dc.fetchall(), [{"word": "a", "count": 3}, {"word": "b", "count": 2}])
        c.close()

    def test_pickling_fails_like_pymysqls_socket(self):
        with self.assertRaisesRegex(TypeError, "^cannot pickle 'socket' object$"):
            pickle.dumps(self.conn)
        with self.assertRaisesRegex(TypeError, "^cannot pickle 'socket' object$"):
            pickle.dumps(self.conn.cursor())

    def test_positional_connect_arguments_fail_as_in_pymysql_1(self):
        with self.assertRaises(TypeError):
            self.pymysql.connect("localhost", "root", "pw", "course")

    def test_costs_charged_per_call(self):
        del cost.charges[:]
        c = self.pymysql.connect(host="x")
        cur = c.cursor()
        cur.execute("INSERT INTO wordcount VALUES (%s, %s)", ("z", 1))
        c.commit()
        c.close()
        self.assertEqual(cost.charges, [("connect", 1), ("statement", 1), ("commit", 1), ("close", 1)])

    def test_the_sqlite3_module_is_itself(self):
        import sqlite3
        self.assertEqual(sqlite3.connect.__module__, "_sqlite3")


class DatabaseViewActivity(unittest.TestCase):
    """What the dashboard's database view reads (dstreamlab_db.activity): writers, counts, images."""

    setUp, tearDown, rows = SqliteConnection.setUp, SqliteConnection.tearDown, SqliteConnection.rows

    def write(self, task, sql, args, commit=True):
        activity.test_task = task
        try:
            c = self.pymysql.connect(host="x")
            c.cursor().execute(sql, args)
            if commit:
                c.commit()
            c.close()
        finally:
            activity.test_task = None

    def table(self):
        return {t[0]: t for t in activity.capture(self.path, 1000)}["wordcount"]

    def test_a_committed_row_names_the_task_that_wrote_it_last(self):
        self.write((1000, 0, 0, 7), "INSERT INTO wordcount VALUES (%s, %s)", ("spark", 1))
        self.write((2000, 1, 0, 12), "INSERT INTO wordcount VALUES (%s, %s) ON DUPLICATE KEY UPDATE "
                   "count = count + VALUES(count)", ("spark", 2))
        name, columns, total, rows = self.table()
        self.assertEqual((columns, total), (["word", "count"], 1))
        self.assertEqual(rows, [(1, ["spark", "3"], (2000, 1, 0, 12))])

    def test_an_uncommitted_write_has_no_writer_and_no_row(self):
        self.write((1000, 0, 0, 7), "INSERT INTO wordcount VALUES (%s, %s)", ("spark", 1), commit=False)
        self.assertEqual(self.table()[3], [])
        self.assertEqual(activity.writers, {})

    def test_a_dropped_table_forgets_its_writers(self):
        self.write((1000, 0, 0, 7), "INSERT INTO wordcount VALUES (%s, %s)", ("spark", 1))
        self.conn.cursor().execute("DROP TABLE wordcount")
        self.assertEqual(activity.writers, {})

    def test_statements_and_connections_are_counted_per_batch(self):
        activity.reset()
        for word in ("a", "b", "c"):  # the connection-per-record mistake
            self.write((3000, 0, 0, 1), "INSERT INTO wordcount VALUES (%s, %s)", (word, 1))
        counts = activity.batch_counts(3000)
        wall = counts.pop("wall_ns")
        self.assertEqual(counts, {"statement": 3, "connect": 3, "commit": 3, "close": 3,
                                  "sim_ns": 0})  # plain python3: nothing charged
        self.assertGreater(wall, 0)  # the real time of the calls was measured
        self.assertEqual(activity.batch_counts(3000), {"statement": 0, "connect": 0, "commit": 0, "close": 0,
                                                       "sim_ns": 0, "wall_ns": 0})  # read once

    def test_an_image_put_back_undoes_later_writes(self):
        self.write(None, "INSERT INTO wordcount VALUES (%s, %s)", ("spark", 1))
        data = activity.image(self.path)
        self.write(None, "INSERT INTO wordcount VALUES (%s, %s)", ("flink", 1))
        activity.restore(self.path, data)
        self.assertEqual(self.rows(), (("spark", 1),))
        activity.restore(self.path, None)  # no file at the start: an empty database
        self.assertEqual(activity.capture(self.path, 10), [])


if __name__ == "__main__":
    unittest.main()
