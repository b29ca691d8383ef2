// ProgramText: names the program's DStreams the way its source does ("words = lines.flatMap(...)").
#pragma once

#include "snapshotfwd.h"

#include <QString>
#include <QStringList>

#include <utility>

namespace dsl::ui {

/// The program's source split into lines, and labels for its streams taken from the line that
/// created each one.
class ProgramText {
public:
    ProgramText() = default;
    explicit ProgramText(const QString &source);

    /// 1-based; empty when out of range.
    QString line(int number) const;
    int lineCount() const { return static_cast<int>(m_lines.size()); }

    /// The variable a stream was assigned to ("words"), else the operator ("pprint").
    QString variableName(const StreamSnapshot &s) const;
    /// "words = lines.flatMap(lambda line: line.split(" "))" elided to maxChars.
    QString statement(const StreamSnapshot &s, int maxChars = 48) const;

    /// The lines of the streaming part (first `StreamingContext(` or input stream .. last
    /// `awaitTermination`/`start()`), {0, 0} when there is none: what the code panel scrolls to.
    std::pair<int, int> streamingRange() const;

private:
    QStringList m_lines;
};

} // namespace dsl::ui
