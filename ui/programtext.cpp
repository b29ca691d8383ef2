// ProgramText: source lines and DStream labels.
#include "programtext.h"

#include "sessiontypes.h"

#include <QRegularExpression>

namespace dsl::ui {

ProgramText::ProgramText(const QString &source) : m_lines(source.split(QLatin1Char('\n'))) {}

QString ProgramText::line(int number) const
{
    if (number < 1 || number > m_lines.size()) return {};
    QString l = m_lines[number - 1];
    if (l.endsWith(QLatin1Char('\r'))) l.chop(1);
    return l;
}

std::pair<int, int> ProgramText::streamingRange() const
{
    static const QRegularExpression first(
        QStringLiteral(R"(^[^#]*(StreamingContext(\.getOrCreate)?\s*\(|\.(socketTextStream|textFileStream|queueStream)\s*\())"));
    static const QRegularExpression last(QStringLiteral(R"(^[^#]*\.(awaitTermination\w*|start)\s*\()"));
    int from = 0, to = 0;
    for (int i = 1; i <= lineCount(); ++i) {
        const QString l = line(i);
        if (!from && first.match(l).hasMatch()) from = i;
        if (from && last.match(l).hasMatch()) to = i;
    }
    if (from && !to) to = from;
    return {from, to};
}

QString ProgramText::variableName(const StreamSnapshot &s) const
{
    static const QRegularExpression assign(QStringLiteral(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=))"));
    const auto m = assign.match(line(s.line()));
    if (m.hasMatch()) return m.captured(1);
    return QString::fromStdString(s.opName);
}

QString ProgramText::statement(const StreamSnapshot &s, int maxChars) const
{
    QString text = line(s.line()).trimmed();
    // Drop a trailing comment: the label shows the code.
    const int hash = text.indexOf(QStringLiteral(" #"));
    if (hash > 0) text = text.left(hash).trimmed();
    if (text.isEmpty()) text = QString::fromStdString(s.creationSite);
    if (text.size() > maxChars) text = text.left(maxChars - 1) + QChar(0x2026);
    return text;
}

} // namespace dsl::ui
