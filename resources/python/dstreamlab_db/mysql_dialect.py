"""MySQL's dialect, as course programs write it for pymysql, translated to SQLite's.

translate(sql, args) -> (statements, params): the SQLite statements to run in order (most
statements give one) and the parameters to bind to the one that takes them. The translation
table is docs/database.md's; a statement that cannot be translated raises NotTranslatable, whose
message names what and points at --db local-mariadb.

Parameters are bound, never pasted into the text: pymysql's `%s` / `%(name)s` become SQLite's
`?` / `:name`, so a value such as "'); DROP TABLE wordcount; --" is stored as data.
"""

import datetime
import decimal
import re

MARIADB_HINT = "run the program with --db local-mariadb (a real MariaDB server) to use it"


class NotTranslatable(Exception):
    """A MySQL statement (or part of one) DStream Lab's SQLite database cannot run."""

    def __init__(self, what):
        super().__init__("DStream Lab's SQLite database cannot translate %s from MySQL's dialect: %s"
                         % (what, MARIADB_HINT))


class QuotedPlaceholder(Exception):
    """'%s' written inside quotes: pymysql quotes a parameter itself."""


# ---- tokens -------------------------------------------------------------------------------
# kinds: 'ws', 'word' (identifier or keyword, unquoted), 'ident' (backquoted or double-quoted
# identifier; value is the name), 'str' (string literal; value is the text), 'num', 'param'
# ('?' or ':name' after placeholder conversion), 'op' (any other character or group).

_WORD = re.compile(r"[A-Za-z_$@][A-Za-z0-9_$@]*")
_NUM = re.compile(r"\d+(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?")
_MYSQL_ESCAPES = {"0": "\0", "'": "'", '"': '"', "b": "\b", "n": "\n", "r": "\r", "t": "\t",
                  "Z": "\x1a", "\\": "\\", "%": "\\%", "_": "\\_"}


def _tokens(sql):
    out = []
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            j = i
            while j < n and sql[j].isspace():
                j += 1
            out.append(("ws", " "))
            i = j
        elif c == "#" or sql.startswith("-- ", i) or sql.startswith("--\t", i) or sql.startswith("--\n", i) \
                or (sql.startswith("--", i) and i + 2 == n):
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
            out.append(("ws", " "))
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            i = n if j < 0 else j + 2
            out.append(("ws", " "))
        elif c == "'" or c == '"':
            text, i = _string(sql, i, c)
            # MySQL (without ANSI_QUOTES) reads "text" as a string, as 'text'.
            out.append(("str", text))
        elif c == "`":
            j = i + 1
            name = []
            while True:
                k = sql.find("`", j)
                if k < 0:
                    raise _syntax(sql[i:])
                name.append(sql[j:k])
                if sql.startswith("``", k):
                    name.append("`")
                    j = k + 2
                    continue
                i = k + 1
                break
            if "\x00P" in "".join(name):  # `%s`: pymysql pastes a quoted value into the name
                raise NotTranslatable("a %s parameter inside a `quoted` name (SQLite binds values, not names)")
            out.append(("ident", "".join(name)))
        elif "0" <= c <= "9" or (c == "." and i + 1 < n and "0" <= sql[i + 1] <= "9"):  # not "¹".isdigit()
            m = _NUM.match(sql, i)
            out.append(("num", m.group(0)))
            i = m.end()
        elif _WORD.match(sql, i):
            m = _WORD.match(sql, i)
            out.append(("word", m.group(0)))
            i = m.end()
        elif c == "\x00" and sql.startswith("\x00P", i):  # a parameter marker (see _placeholders)
            j = sql.index("\x00", i + 1)
            out.append(("param", sql[i + 2:j]))
            i = j + 1
        else:
            two = sql[i:i + 2]
            if two in ("<=", ">=", "<>", "!=", "||", "&&", ":="):
                out.append(("op", two))
                i += 2
            else:
                out.append(("op", c))
                i += 1
    return out


def _string(sql, i, quote):
    """A MySQL string literal at sql[i] (backslash escapes, doubled quotes) -> (text, end)."""
    j = i + 1
    text = []
    n = len(sql)
    while j < n:
        c = sql[j]
        if c == "\\" and j + 1 < n:
            text.append(_MYSQL_ESCAPES.get(sql[j + 1], sql[j + 1]))
            j += 2
        elif c == quote:
            if j + 1 < n and sql[j + 1] == quote:
                text.append(quote)
                j += 2
            else:
                return "".join(text), j + 1
        else:
            text.append(c)
            j += 1
    raise _syntax(sql[i:])


def _syntax(near):
    return SyntaxErrorNear(near)


class SyntaxErrorNear(Exception):
    """Text MySQL could not parse; the message is MariaDB's 1064 text."""

    def __init__(self, near):
        super().__init__("You have an error in your SQL syntax; check the manual that corresponds to your "
                         "MariaDB server version for the right syntax to use near '%s' at line 1" % near[:80])


def _quote_ident(name):
    return '"' + name.replace('"', '""') + '"'


def _quote_str(text):
    return "'" + text.replace("'", "''") + "'"


def _render(tokens):
    parts = []
    for k, (kind, value) in enumerate(tokens):
        if kind == "ws" and k and tokens[k - 1][0] == "ws":
            continue
        if kind == "ident":
            parts.append(_quote_ident(value))
        elif kind == "str":
            parts.append(_quote_str(value))
        elif kind == "param":
            parts.append("?" if value == "" else ":" + value)
        else:
            parts.append(value)
    return "".join(parts).strip()


# ---- parameters ---------------------------------------------------------------------------

def _placeholders(sql, args):
    """pymysql's `query % escaped_args` (cursors.py Cursor.mogrify), with each %s / %(name)s
    turned into a parameter marker instead of a pasted value. Returns (text, params)."""
    if args is None:
        return sql, ()  # pymysql sends the text unformatted when there are no args
    if isinstance(args, dict):
        named = True
    else:
        named = False
        if not isinstance(args, (tuple, list)):
            args = (args,)
    out = []
    used = 0
    i, n = 0, len(sql)
    in_quote = None
    while i < n:
        c = sql[i]
        if in_quote:
            if c == "\\" and i + 1 < n and sql[i + 1] != "%":
                out.append(sql[i:i + 2])
                i += 2
                continue
            if c == in_quote:
                in_quote = None
        elif c in "'\"`":
            in_quote = c
        if c != "%":
            out.append(c)
            i += 1
            continue
        if sql.startswith("%%", i):
            out.append("%")
            i += 2
            continue
        if not named and sql.startswith("%s", i):
            if used >= len(args):
                raise TypeError("not enough arguments for format string")
            if in_quote and in_quote != "`":
                raise QuotedPlaceholder()
            out.append("\x00P\x00")
            used += 1
            i += 2
            continue
        m = re.compile(r"%\(([^)]*)\)s").match(sql, i) if named else None
        if m:
            if m.group(1) not in args:
                raise KeyError(m.group(1))
            if in_quote and in_quote != "`":
                raise QuotedPlaceholder()
            out.append("\x00P" + _param_name(m.group(1)) + "\x00")
            i = m.end()
            continue
        if named and sql.startswith("%s", i):
            raise TypeError("format requires a mapping")
        bad = sql[i + 1:i + 2]
        if not bad:
            raise ValueError("incomplete format")
        raise ValueError("unsupported format character '%s' (0x%x) at index %d" % (bad, ord(bad), i + 1))
    if not named and used < len(args):
        raise TypeError("not all arguments converted during string formatting")
    text = "".join(out)
    if named:
        return text, {_param_name(k): to_sqlite_value(v) for k, v in args.items()}
    return text, tuple(to_sqlite_value(v) for v in args)


def _param_name(name):
    # SQLite's :name takes letters, digits and _; any other name gets a stable spelling.
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return name
    return "p_" + "".join("%02x" % b for b in name.encode("utf-8"))


def to_sqlite_value(v):
    """A Python value as pymysql's converters would send it (converters.py escape_item)."""
    if v is None or isinstance(v, (str, bytes, float)) or type(v) is int:
        return v
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, bytearray):
        return bytes(v)
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat(" ")
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        total = int(v.total_seconds())
        sign = "-" if total < 0 else ""
        total = abs(total)
        return "%s%02d:%02d:%02d" % (sign, total // 3600, total // 60 % 60, total % 60)
    if isinstance(v, (tuple, list, set, frozenset)):
        raise NotTranslatable("a %s bound to one parameter (pymysql writes it as a list of values "
                              "for IN (...))" % type(v).__name__)
    return str(v)


# ---- statements ---------------------------------------------------------------------------

def _upper(tok):
    return tok[1].upper() if tok[0] == "word" else None


def _significant(tokens):
    return [i for i, t in enumerate(tokens) if t[0] != "ws"]


def translate(sql, args=None):
    """MySQL text + pymysql args -> ([sqlite statements], params for the first)."""
    try:
        return _translate(sql, args)
    except IndexError:
        # The clause parsers read tokens by position: one that runs out of tokens met a
        # statement that ends too early (MariaDB's 1064 near the end).
        raise SyntaxErrorNear("") from None


def _translate(sql, args):
    if "\x00" in sql:  # the parameter markers' character: the text's own would pass for one
        raise NotTranslatable("a NUL character in the statement's text (write it as \\0 in a string)")
    text, params = _placeholders(sql, args)
    tokens = _tokens(text)
    # A trailing ';' is fine; several statements in one execute are not (pymysql without
    # CLIENT.MULTI_STATEMENTS: MySQL rejects them with a syntax error).
    while tokens and (tokens[-1][0] == "ws" or tokens[-1] == ("op", ";")):
        tokens.pop()
    for k, t in enumerate(tokens):
        if t == ("op", ";"):
            raise SyntaxErrorNear(_render(tokens[k + 1:]))
    sig = _significant(tokens)
    if not sig:
        raise ProgrammingErrorEmpty()
    first = _upper(tokens[sig[0]])
    words = ([_upper(tokens[i]) for i in sig[:4]] + [None] * 4)[:4]  # "CREATE" alone has no words[1]
    if first == "CREATE" and "TABLE" in words[1:3]:
        return _create_table(tokens), params
    if first == "CREATE" and words[1] in ("DATABASE", "SCHEMA"):
        return [], params
    if first == "USE":
        return [], params
    if first == "SHOW" and words[1] == "TABLES":
        return ["SELECT name AS \"Tables\" FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"], params
    if first == "SHOW" or first == "DESCRIBE" or first == "DESC" or first == "EXPLAIN":
        raise NotTranslatable("%s statements" % first)
    if first == "TRUNCATE":
        rest = [t for t in tokens[sig[0] + 1:] if not (t[0] == "word" and t[1].upper() == "TABLE")]
        return ["DELETE FROM " + _render(_expressions(rest))], params
    if first == "ALTER":
        raise NotTranslatable("ALTER statements")
    if first in ("LOCK", "UNLOCK", "SET", "GRANT", "FLUSH", "LOAD", "CALL", "DELIMITER"):
        raise NotTranslatable("%s statements" % first)
    if first in ("INSERT", "REPLACE"):
        return [_render(_insert(tokens, sig))], params
    return [_render(_expressions(tokens))], params


class ProgrammingErrorEmpty(Exception):
    """An empty query (pymysql/MySQL: 1065 Query was empty)."""


_FUNCTIONS = {
    # MySQL function -> SQLite expression text (called with no arguments)
    "NOW": "datetime('now', 'localtime')",
    "CURRENT_TIMESTAMP": "datetime('now', 'localtime')",
    "LOCALTIME": "datetime('now', 'localtime')",
    "LOCALTIMESTAMP": "datetime('now', 'localtime')",
    "SYSDATE": "datetime('now', 'localtime')",
    "CURDATE": "date('now', 'localtime')",
    "CURRENT_DATE": "date('now', 'localtime')",
    "CURTIME": "time('now', 'localtime')",
    "CURRENT_TIME": "time('now', 'localtime')",
    "UNIX_TIMESTAMP": "CAST(strftime('%s', 'now') AS INTEGER)",
}
_RENAMED = {"IFNULL": "ifnull", "CONCAT": None, "LAST_INSERT_ID": "last_insert_rowid"}


def _expressions(tokens):
    """Function calls of MySQL's that SQLite spells differently, inside any statement."""
    out = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        up = _upper(t)
        nxt = i + 1
        while nxt < n and tokens[nxt][0] == "ws":
            nxt += 1
        called = nxt < n and tokens[nxt] == ("op", "(")
        if up in _FUNCTIONS and called:
            close = _matching(tokens, nxt)
            if any(tt[0] != "ws" for tt in tokens[nxt + 1:close]):
                if up != "UNIX_TIMESTAMP":
                    raise NotTranslatable("%s(...) with arguments" % up)
                out.append(("op", "CAST(strftime('%s', "))
                out.extend(_expressions(tokens[nxt + 1:close]))
                out.append(("op", ", 'utc') AS INTEGER)"))
            else:
                out.append(("op", _FUNCTIONS[up]))
            i = close + 1
            continue
        if up in ("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "LOCALTIMESTAMP") and not called:
            out.append(("op", _FUNCTIONS[up]))
            i += 1
            continue
        if up == "CONCAT" and called:
            close = _matching(tokens, nxt)
            parts = _split_commas(tokens[nxt + 1:close])
            out.append(("op", "("))
            for k, p in enumerate(parts):
                if k:
                    out.append(("op", " || "))
                out.append(("op", "("))
                out.extend(_expressions(p))
                out.append(("op", ")"))
            out.append(("op", ")"))
            i = close + 1
            continue
        if up == "LAST_INSERT_ID" and called:
            out.append(("word", "last_insert_rowid"))
            i += 1
            continue
        out.append(t)
        i += 1
    return out


def _matching(tokens, open_index):
    depth = 0
    for k in range(open_index, len(tokens)):
        if tokens[k] == ("op", "("):
            depth += 1
        elif tokens[k] == ("op", ")"):
            depth -= 1
            if depth == 0:
                return k
    raise SyntaxErrorNear(_render(tokens[open_index:]))


def _split_commas(tokens):
    parts, cur, depth = [], [], 0
    for t in tokens:
        if t == ("op", "("):
            depth += 1
        elif t == ("op", ")"):
            depth -= 1
        if t == ("op", ",") and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def _strip(tokens):
    a, b = 0, len(tokens)
    while a < b and tokens[a][0] == "ws":
        a += 1
    while b > a and tokens[b - 1][0] == "ws":
        b -= 1
    return tokens[a:b]


# ---- INSERT / REPLACE ---------------------------------------------------------------------

def _insert(tokens, sig):
    """INSERT [IGNORE] ... [ON DUPLICATE KEY UPDATE ...] and REPLACE [INTO] ..."""
    out = list(tokens)
    head = sig[0]
    k = 1
    modifiers = []
    while k < len(sig) and _upper(out[sig[k]]) in ("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE"):
        modifiers.append(_upper(out[sig[k]]))
        k += 1
    body_start = sig[k] if k < len(sig) else len(out)
    verb = _upper(out[head])
    if verb == "REPLACE":
        prefix = [("word", "REPLACE"), ("ws", " ")]
    elif "IGNORE" in modifiers:
        prefix = [("word", "INSERT OR IGNORE"), ("ws", " ")]
    else:
        prefix = [("word", "INSERT"), ("ws", " ")]
    body = out[body_start:]
    if _upper(body[0]) != "INTO" if body else True:
        body = [("word", "INTO"), ("ws", " ")] + body  # MySQL's INTO is optional
    # ON DUPLICATE KEY UPDATE a = a + VALUES(a), b = VALUES(b)
    odku = None
    for j in range(len(body) - 6):
        ws = [t for t in body[j:j + 7] if t[0] != "ws"]
        if len(ws) >= 4 and [_upper(t) for t in ws[:4]] == ["ON", "DUPLICATE", "KEY", "UPDATE"]:
            odku = j
            break
    if odku is None:
        if verb == "INSERT" and any(_upper(t) == "SET" for t in body):
            raise NotTranslatable("INSERT ... SET col = value (write INSERT INTO t (col, ...) VALUES (...))")
        return prefix + _expressions(body)
    if verb == "REPLACE":
        raise SyntaxErrorNear("ON DUPLICATE KEY UPDATE")
    seen = 0
    k = odku
    while seen < 4:
        if body[k][0] != "ws":
            seen += 1
        k += 1
    values_part = body[:odku]
    update_part = body[k:]
    if any(_upper(t) == "SELECT" for t in values_part):
        raise NotTranslatable("INSERT ... SELECT ... ON DUPLICATE KEY UPDATE")
    # MySQL 8's row alias: VALUES (...) AS new [(cols)] ON DUPLICATE KEY UPDATE c = new.c
    alias = None
    vs = _significant(values_part)
    if len(vs) >= 2 and _upper(values_part[vs[-2]]) == "AS" and values_part[vs[-1]][0] in ("word", "ident"):
        alias = values_part[vs[-1]][1]
        values_part = values_part[:vs[-2]]
    new_update = []
    i = 0
    n = len(update_part)
    while i < n:
        t = update_part[i]
        nxt = i + 1
        while nxt < n and update_part[nxt][0] == "ws":
            nxt += 1
        if _upper(t) == "VALUES" and nxt < n and update_part[nxt] == ("op", "("):
            close = _matching(update_part, nxt)
            inner = _strip(update_part[nxt + 1:close])
            if len(inner) != 1 or inner[0][0] not in ("word", "ident"):
                raise NotTranslatable("VALUES(...) of an expression in ON DUPLICATE KEY UPDATE")
            new_update += [("word", "excluded"), ("op", "."), inner[0]]
            i = close + 1
            continue
        if alias is not None and t[0] in ("word", "ident") and t[1] == alias and nxt < n and update_part[nxt] == ("op", "."):
            new_update += [("word", "excluded")]
            i += 1
            continue
        new_update.append(t)
        i += 1
    return (prefix + _expressions(_strip(values_part)) + [("ws", " "), ("word", "ON CONFLICT DO UPDATE SET"),
                                                          ("ws", " ")] + _expressions(_strip(new_update)))


# ---- CREATE TABLE -------------------------------------------------------------------------

_INT_TYPES = {"INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT", "SERIAL", "BOOL", "BOOLEAN", "BIT",
              "YEAR"}
_TEXT_TYPES = {"VARCHAR", "CHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "NVARCHAR", "NCHAR", "ENUM", "SET",
               "JSON", "DATETIME", "TIMESTAMP", "DATE", "TIME", "VARBINARY", "BINARY", "CHARACTER"}
_BLOB_TYPES = {"BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB"}
_REAL_TYPES = {"FLOAT", "DOUBLE", "REAL"}
_NUMERIC_TYPES = {"DECIMAL", "NUMERIC", "DEC", "FIXED"}
_TYPE_NAME = {}
for _n in _INT_TYPES:
    _TYPE_NAME[_n] = "INTEGER"
for _n in _TEXT_TYPES:
    _TYPE_NAME[_n] = "TEXT"
for _n in _BLOB_TYPES:
    _TYPE_NAME[_n] = "BLOB"
for _n in _REAL_TYPES:
    _TYPE_NAME[_n] = "REAL"
for _n in _NUMERIC_TYPES:
    _TYPE_NAME[_n] = "NUMERIC"
_TYPE_NAME["DATETIME"] = "DATETIME"
_TYPE_NAME["TIMESTAMP"] = "TIMESTAMP"
_TYPE_NAME["DATE"] = "DATE"
_TYPE_NAME["TIME"] = "TIME"
_TYPE_NAME["BOOL"] = _TYPE_NAME["BOOLEAN"] = "BOOLEAN"


def _create_table(tokens):
    sig = _significant(tokens)
    # CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name ( definitions ) options
    k = 1
    temporary = _upper(tokens[sig[k]]) == "TEMPORARY"
    if temporary:
        k += 1
    k += 1  # TABLE
    if_not_exists = [_upper(tokens[i]) for i in sig[k:k + 3]] == ["IF", "NOT", "EXISTS"]
    if if_not_exists:
        k += 3
    if k >= len(sig):  # no table name: MariaDB's 1064 near ''
        raise SyntaxErrorNear("")
    name_tok = tokens[sig[k]]
    name_end = sig[k] + 1
    # db.table: the one SQLite database is the program's
    if name_end + 1 < len(tokens) and tokens[name_end] == ("op", "."):
        name_tok = tokens[name_end + 1]
        name_end += 2
    table = name_tok[1]
    rest = tokens[name_end:]
    rs = _significant(rest)
    if not rs:
        raise SyntaxErrorNear("")
    if _upper(rest[rs[0]]) in ("LIKE", "AS", "SELECT"):
        raise NotTranslatable("CREATE TABLE ... %s" % _upper(rest[rs[0]]))
    if rest[rs[0]] != ("op", "("):
        raise SyntaxErrorNear(_render(rest))
    close = _matching(rest, rs[0])
    options = _strip(rest[close + 1:])
    _check_table_options(options)
    defs = [_strip(d) for d in _split_commas(rest[rs[0] + 1:close])]
    columns, constraints, indexes = [], [], []
    auto_cols = []
    primary_cols = None
    for d in defs:
        if not d:
            raise SyntaxErrorNear(")")
        head = _upper(d[0])
        if head in ("PRIMARY", "UNIQUE", "KEY", "INDEX", "CONSTRAINT", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL"):
            kind, cols_text, rendered = _table_constraint(d, table)
            if kind == "index":
                indexes.append(rendered)
            else:
                if kind == "primary":
                    primary_cols = cols_text
                constraints.append((kind, cols_text, rendered))
            continue
        col, is_auto, is_primary = _column(d)
        columns.append(col)
        if is_auto:
            auto_cols.append((len(columns) - 1, d[0][1], is_primary))
    if len(auto_cols) > 1:
        raise SyntaxErrorNear("AUTO_INCREMENT")  # MySQL: 1075 only one auto column
    if auto_cols:
        idx, cname, inline_primary = auto_cols[0]
        if not inline_primary:
            if primary_cols is None or [c.lower() for c in primary_cols] != [cname.lower()]:
                raise NotTranslatable("AUTO_INCREMENT on a column that is not the table's whole PRIMARY KEY")
            constraints = [c for c in constraints if c[0] != "primary"]
        columns[idx] = columns[idx].replace("\x00AUTO\x00", "PRIMARY KEY AUTOINCREMENT")
    parts = columns + [c[2] for c in constraints]
    statement = "CREATE %sTABLE %s%s (%s)" % ("TEMP " if temporary else "",
                                              "IF NOT EXISTS " if if_not_exists else "",
                                              _quote_ident(table), ", ".join(parts))
    return [statement] + indexes


def _check_table_options(options):
    """ENGINE=, [DEFAULT] CHARSET=, COLLATE=, AUTO_INCREMENT=, COMMENT=: no meaning in SQLite."""
    i = 0
    sig = [t for t in options if t[0] != "ws" and t != ("op", ",")]
    while i < len(sig):
        up = _upper(sig[i])
        if up == "DEFAULT":
            i += 1
            continue
        if up == "CHARACTER" and i + 1 < len(sig) and _upper(sig[i + 1]) == "SET":
            i += 1
            up = "CHARSET"
        if up in ("ENGINE", "CHARSET", "COLLATE", "AUTO_INCREMENT", "COMMENT", "ROW_FORMAT", "TYPE"):
            i += 1
            if i < len(sig) and sig[i] == ("op", "="):
                i += 1
            i += 1  # the value
            continue
        raise NotTranslatable("the table option %s" % _render(sig[i:]))


def _names_in_parens(d, start):
    """(a, b(10), c DESC) after d[start] -> ['a', 'b', 'c'], end index."""
    s = start
    while s < len(d) and d[s] != ("op", "("):
        s += 1
    if s == len(d):  # UNIQUE KEY name, without its columns
        raise SyntaxErrorNear(_render(d[start:]))
    close = _matching(d, s)
    names = []
    for part in _split_commas(d[s + 1:close]):
        p = _strip(part)
        if not p or p[0][0] not in ("word", "ident"):
            raise NotTranslatable("an index on an expression")
        names.append(p[0][1])
    return names, close


def _table_constraint(d, table):
    up = [_upper(t) if t[0] == "word" else None for t in d]
    sig = [i for i, t in enumerate(d) if t[0] != "ws"]
    i = 0
    cname = None
    if up[sig[0]] == "CONSTRAINT":
        i = 1
        if d[sig[1]][0] in ("word", "ident") and up[sig[1]] not in ("PRIMARY", "UNIQUE", "FOREIGN", "CHECK"):
            cname = d[sig[1]][1]
            i = 2
    head = up[sig[i]]
    if head == "PRIMARY":
        cols, _ = _names_in_parens(d, sig[i])
        return "primary", cols, "PRIMARY KEY (%s)" % ", ".join(_quote_ident(c) for c in cols)
    if head == "UNIQUE":
        cols, _ = _names_in_parens(d, sig[i])
        return "unique", cols, "UNIQUE (%s)" % ", ".join(_quote_ident(c) for c in cols)
    if head in ("KEY", "INDEX"):
        # KEY [name] (cols): a plain index, created after the table
        j = i + 1
        iname = None
        if j < len(sig) and d[sig[j]] != ("op", "("):
            iname = d[sig[j]][1]
        cols, _ = _names_in_parens(d, sig[i])
        iname = iname or "_".join(cols)
        return "index", cols, "CREATE INDEX IF NOT EXISTS %s ON %s (%s)" % (
            _quote_ident(table + "_" + iname), _quote_ident(table), ", ".join(_quote_ident(c) for c in cols))
    if head == "FOREIGN":
        cols, close = _names_in_parens(d, sig[i])
        rest = _strip(d[close + 1:])
        return "foreign", cols, "FOREIGN KEY (%s) %s" % (", ".join(_quote_ident(c) for c in cols),
                                                         _render(_expressions(rest)))
    if head == "CHECK":
        return "check", [], _render(_expressions(d[sig[i]:]))
    raise NotTranslatable("%s indexes" % head)


def _column(d):
    """One column definition -> (SQLite text, AUTO_INCREMENT?, inline PRIMARY KEY?)."""
    name = d[0][1]
    sig = [t for t in d[1:] if t[0] != "ws"]
    if not sig:
        raise SyntaxErrorNear(_render(d))
    tname = _upper(sig[0])
    if tname not in _TYPE_NAME and tname not in ("LONG",):
        if tname == "DOUBLE":
            pass
        raise NotTranslatable("the column type %s" % _render([sig[0]]))
    i = 1
    # DOUBLE PRECISION, CHARACTER VARYING, LONG VARCHAR
    if i < len(sig) and _upper(sig[i]) in ("PRECISION", "VARYING", "VARCHAR"):
        i += 1
    if i < len(sig) and sig[i] == ("op", "("):  # (n) / (p, s) / ENUM('a', 'b')
        depth = 0
        while i < len(sig):
            if sig[i] == ("op", "("):
                depth += 1
            elif sig[i] == ("op", ")"):
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            i += 1
    ctype = "TEXT" if tname == "LONG" else _TYPE_NAME[tname]
    out = [_quote_ident(name), ctype]
    auto = primary = False
    while i < len(sig):
        t = sig[i]
        up = _upper(t)
        if up in ("UNSIGNED", "SIGNED", "ZEROFILL", "BINARY"):
            i += 1
        elif up in ("CHARACTER", "CHARSET"):
            i += 3 if up == "CHARACTER" else 2  # CHARACTER SET x / CHARSET x
        elif up == "COLLATE":
            i += 2
        elif up == "COMMENT":
            i += 2
        elif up == "AUTO_INCREMENT":
            auto = True
            out.append("\x00AUTO\x00")
            i += 1
        elif up == "PRIMARY":
            primary = True
            i += 2  # PRIMARY KEY
            if not auto:
                out.append("PRIMARY KEY")
            else:
                pass  # rendered where \x00AUTO\x00 is
        elif up == "KEY":  # MySQL: KEY alone on a column is PRIMARY KEY
            primary = True
            i += 1
            if not auto:
                out.append("PRIMARY KEY")
        elif up == "UNIQUE":
            out.append("UNIQUE")
            i += 1
            if i < len(sig) and _upper(sig[i]) == "KEY":
                i += 1
        elif up == "NOT" and i + 1 < len(sig) and _upper(sig[i + 1]) == "NULL":
            out.append("NOT NULL")
            i += 2
        elif up == "NULL":
            out.append("NULL")
            i += 1
        elif up == "DEFAULT":
            i += 1
            if i >= len(sig):
                raise SyntaxErrorNear("DEFAULT")
            v = sig[i]
            if v == ("op", "-") and i + 1 < len(sig):
                out.append("DEFAULT -" + sig[i + 1][1])
                i += 2
                continue
            if v == ("op", "("):
                close = _matching(sig, i)
                out.append("DEFAULT (" + _render(_expressions(sig[i + 1:close])) + ")")
                i = close + 1
                continue
            vu = _upper(v)
            if vu in ("CURRENT_TIMESTAMP", "NOW", "LOCALTIMESTAMP", "LOCALTIME"):
                i += 1
                if i < len(sig) and sig[i] == ("op", "("):
                    i = _matching(sig, i) + 1
                out.append("DEFAULT (" + _FUNCTIONS["NOW"] + ")")
                continue
            out.append("DEFAULT " + _render([v]))
            i += 1
        elif up == "ON" and i + 1 < len(sig) and _upper(sig[i + 1]) == "UPDATE":
            raise NotTranslatable("ON UPDATE in a column definition")
        elif up == "CHECK" or up == "REFERENCES":
            rest = sig[i:]
            out.append(_render(_expressions(_spaced(rest))))
            break
        else:
            raise NotTranslatable("the column attribute %s" % _render([t]))
    if auto and not ctype == "INTEGER":
        raise NotTranslatable("AUTO_INCREMENT on a %s column" % tname)
    if auto and primary:
        out = [x for x in out if x != "PRIMARY KEY"]
    return " ".join(out), auto, primary


def _spaced(sig):
    out = []
    for t in sig:
        if out:
            out.append(("ws", " "))
        out.append(t)
    return out
