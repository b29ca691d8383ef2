// Fuzz harness: the MySQL-to-SQLite translation of the pymysql shim
// (resources/python/dstreamlab_db/mysql_dialect.py translate), run in an embedded CPython.
#include "fuzzharness.h"

#include <Python.h>
#include <frameobject.h>

#include <unordered_map>

namespace dsl::fuzz {

namespace {

// Runs translate(sql, args) and checks what comes back. The errors translate() may raise are
// the dialect's own (NotTranslatable, QuotedPlaceholder, SyntaxErrorNear, ProgrammingErrorEmpty)
// and, from _placeholders only, the TypeError/KeyError/ValueError of pymysql's `query % args`;
// any other exception is a bug and is raised again as AssertionError.
constexpr const char *kCheck = R"PY(
import sys, traceback
from dstreamlab_db import mysql_dialect as d

_OWN = (d.NotTranslatable, d.QuotedPlaceholder, d.SyntaxErrorNear, d.ProgrammingErrorEmpty)
_FORMAT = (TypeError, KeyError, ValueError)
_ARGS = [None, (), ("a",), ("a", 1), ("it's", None, 2.5), {"a": 1, "word": "x", "n": None}, [b"\x00\xff"], "x", 7]

def check(sql, mode):
    args = _ARGS[mode % len(_ARGS)]
    try:
        statements, params = d.translate(sql, args)
    except _OWN:
        return
    except _FORMAT as e:
        frames = traceback.extract_tb(e.__traceback__)
        if frames and frames[-1].name == "_placeholders":
            return
        raise AssertionError("%s outside _placeholders for %r: %s" % (type(e).__name__, sql, traceback.format_exc()))
    except RecursionError:
        raise AssertionError("RecursionError for %r" % (sql,))
    except Exception:
        raise AssertionError("unexpected exception for %r with %r:\n%s" % (sql, args, traceback.format_exc()))
    assert isinstance(statements, list) and all(isinstance(s, str) for s in statements), statements
    if args is None:
        assert params == (), params
    elif isinstance(args, dict):
        assert isinstance(params, dict), params
    else:
        assert isinstance(params, tuple) and len(params) == (len(args) if isinstance(args, (tuple, list)) else 1), params
    # A statement never carries the placeholder marker _placeholders puts in the text.
    for s in statements:
        assert "\x00P" not in s, (sql, s)
    # The same text and arguments translate the same way every time.
    assert d.translate(sql, args) == (statements, params), sql
)PY";

PyObject *g_check = nullptr;

#ifdef DSTREAMLAB_LIBFUZZER
// libFuzzer sees only the C++ code's coverage; this gives it the Python code's: each line of
// mysql_dialect.py executed after another bumps a counter of that (previous, current) pair in
// libFuzzer's extra counters.
__attribute__((section("__libfuzzer_extra_counters"))) std::uint8_t g_pyCounters[1 << 15];
std::unordered_map<PyCodeObject *, bool> g_traced;
thread_local std::uint32_t g_previous = 0;

int trace(PyObject *, PyFrameObject *frame, int what, PyObject *)
{
    if (what != PyTrace_LINE) return 0;
    PyCodeObject *code = PyFrame_GetCode(frame);
    auto [it, inserted] = g_traced.try_emplace(code, false);
    if (inserted) {
        const char *file = PyUnicode_AsUTF8(code->co_filename);
        it->second = file && std::string_view(file).ends_with("mysql_dialect.py");
    }
    if (it->second) {
        const auto line = static_cast<std::uint32_t>(PyFrame_GetLineNumber(frame));
        const std::uint32_t here = line * 2654435761u ^ static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(code) >> 4);
        ++g_pyCounters[(here ^ (g_previous >> 1)) % sizeof g_pyCounters];
        g_previous = here;
    }
    Py_DECREF(code);
    return 0;
}
#endif

void start()
{
    if (!Py_IsInitialized()) {
        PyConfig config;
        PyConfig_InitIsolatedConfig(&config);
        config.install_signal_handlers = 0;
        config.use_hash_seed = 1; // PYTHONHASHSEED=0: the same input runs the same way every time
        config.hash_seed = 0;
        config.write_bytecode = 0;
        const PyStatus status = Py_InitializeFromConfig(&config);
        PyConfig_Clear(&config);
        if (PyStatus_Exception(status)) fail(__FILE__, __LINE__, "Py_InitializeFromConfig", "cannot start Python");
    }
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *sysPath = PySys_GetObject("path"); // borrowed
    PyObject *dir = PyUnicode_FromString(DSTREAMLAB_PYTHON_PACKAGE_DIR);
    PyList_Insert(sysPath, 0, dir);
    Py_DECREF(dir);
    PyObject *globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyObject *result = PyRun_String(kCheck, Py_file_input, globals, globals);
    if (!result) {
        PyErr_Print();
        fail(__FILE__, __LINE__, "import", "cannot load dstreamlab_db.mysql_dialect");
    }
    Py_DECREF(result);
    g_check = PyDict_GetItemString(globals, "check");
    Py_INCREF(g_check);
    Py_DECREF(globals);
#ifdef DSTREAMLAB_LIBFUZZER
    PyEval_SetTrace(trace, nullptr);
#endif
    PyGILState_Release(gil);
}

} // namespace

int fuzzSqlTranslate(const std::uint8_t *data, std::size_t size)
{
    static const bool started = (start(), true);
    (void)started;
    if (size < 1) return 0;
    PyGILState_STATE gil = PyGILState_Ensure();
    // Byte 0 picks the arguments; the rest is the statement's text (as a Python str: bytes that
    // are not UTF-8 become U+FFFD).
    PyObject *sql = PyUnicode_DecodeUTF8(reinterpret_cast<const char *>(data + 1), Py_ssize_t(size - 1), "replace");
    PyObject *result = sql ? PyObject_CallFunction(g_check, "Oi", sql, int(data[0])) : nullptr;
    if (!result) {
        PyErr_Print();
        fail(__FILE__, __LINE__, "check(sql, args)", "translate broke its contract (traceback above)");
    }
    Py_DECREF(result);
    Py_DECREF(sql);
    PyGILState_Release(gil);
    return 0;
}

} // namespace dsl::fuzz
