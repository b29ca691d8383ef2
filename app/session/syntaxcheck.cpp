// SyntaxCheck: Python's compile() on the embedded interpreter, warnings silenced, nothing executed.
// Python's headers before Qt's: Qt defines `slots`, a member name in CPython's object.h.
#include <pybind11/eval.h>
#include <pybind11/pybind11.h>

#include "syntaxcheck.h"

#include <algorithm>

namespace py = pybind11;

namespace dsl::session {

SyntaxCheck checkPythonSyntax(const QString &source, const QString &fileName)
{
    SyntaxCheck out;
    // The session's worker initializes CPython once; before that there is no one to ask.
    if (!Py_IsInitialized()) return out;
    py::gil_scoped_acquire gil;
    out.checked = true;
    try {
        // A fresh namespace each time: nothing of the program's run is read or changed.
        // SyntaxWarnings (e.g. "is" with a literal) would print into the run's stderr log:
        // ignored here, the run itself still shows them.
        py::dict ns;
        ns["src"] = py::str(source.toStdString());
        ns["name"] = py::str(fileName.isEmpty() ? std::string("program.py") : fileName.toStdString());
        py::exec(R"(
import warnings as _w
with _w.catch_warnings():
    _w.simplefilter("ignore")
    try:
        compile(src, name, "exec", dont_inherit=True)
        result = None
    except SyntaxError as e:
        result = (e.lineno or 0, e.offset or 0, e.msg or "")
    except ValueError as e:  # e.g. a NUL character in the text
        result = (1, 0, str(e))
)",
                 ns, ns);
        py::object r = ns["result"];
        if (!r.is_none()) {
            auto t = r.cast<py::tuple>();
            out.line = std::max(1, t[0].cast<int>());
            out.column = t[1].cast<int>();
            out.message = QString::fromStdString(t[2].cast<std::string>());
        }
    } catch (const py::error_already_set &) {
        out.checked = false; // the check itself failed: mark nothing rather than something wrong
    }
    return out;
}

} // namespace dsl::session
