// SyntaxCheck: whether a program's text compiles (Python's own compile()), for the editor's marks.
#pragma once

#include <QString>

namespace dsl::session {

/// The answer of RunDriver::checkSyntax: where Python's compiler stops on the text, if anywhere.
struct SyntaxCheck {
    bool checked = false; ///< false: no interpreter to ask yet (nothing is marked)
    int line = 0;         ///< 1-based line of the error; 0: the text compiles
    int column = 0;       ///< 1-based column, 0 when Python gives none
    QString message;      ///< Python's message ("invalid syntax", "expected ':'")
    bool hasError() const { return checked && (line > 0 || !message.isEmpty()); }
};

/// Compiles `source` with the embedded interpreter's compile() (nothing runs), on the calling
/// thread: it takes the GIL for the compile only and touches no run state. Unchecked when
/// CPython is not initialized yet.
SyntaxCheck checkPythonSyntax(const QString &source, const QString &fileName);

} // namespace dsl::session
