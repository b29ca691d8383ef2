// TimelineRows: grouping a program's DStreams into the rows a student recognises in the code.
#include "timelinerows.h"

#include "sessiontypes.h"

#include <QRegularExpression>

#include <algorithm>
#include <functional>
#include <map>

namespace dsl::ui {

namespace {
bool isOutputMethod(const QString &m)
{
    return m == QLatin1String("pprint") || m == QLatin1String("foreachRDD") || m.startsWith(QLatin1String("saveAs"));
}
} // namespace

QStringList calledMethods(const QString &sourceLine)
{
    // Calls at bracket depth 0 only: `.transform(lambda rdd: rdd.sortByKey())` calls transform;
    // sortByKey runs inside the function given to it. Strings and comments are skipped.
    QStringList out;
    int depth = 0;
    QChar quote;
    const int n = static_cast<int>(sourceLine.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = sourceLine[i];
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\')) ++i;
            else if (c == quote) quote = QChar();
            continue;
        }
        if (c == QLatin1Char('#')) break;
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) quote = c;
        else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) ++depth;
        else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) depth = std::max(0, depth - 1);
        else if (c == QLatin1Char('.') && depth == 0) {
            int j = i + 1;
            while (j < n && sourceLine[j].isSpace()) ++j;
            const int start = j;
            while (j < n && (sourceLine[j].isLetterOrNumber() || sourceLine[j] == QLatin1Char('_'))) ++j;
            const QString name = sourceLine.mid(start, j - start);
            while (j < n && sourceLine[j].isSpace()) ++j;
            if (!name.isEmpty() && !name[0].isDigit() && j < n && sourceLine[j] == QLatin1Char('(')) out << name;
            i = j - 1;
        }
    }
    return out;
}

void makeNamesUnique(std::vector<TimelineRow> &rows)
{
    std::map<QString, int> seen;
    for (auto &r : rows) {
        const int n = ++seen[r.name];
        if (n > 1) r.name += QStringLiteral(" (%1)").arg(n);
    }
}

std::vector<TimelineRow> timelineRows(const RunSnapshot &s, const ProgramText &program)
{
    // Children on the same line, per stream.
    std::map<int, const StreamSnapshot *> byId;
    for (const auto &st : s.streams) byId[st.id] = &st;
    std::map<int, std::vector<int>> sameLineChildren;
    for (const auto &st : s.streams) {
        if (st.isOutput) continue;
        for (int p : st.parents)
            if (auto it = byId.find(p); it != byId.end() && it->second->line() == st.line() && st.line() > 0)
                sameLineChildren[p].push_back(st.id);
    }
    auto keptAsRow = [&](const StreamSnapshot &st) {
        if (st.line() <= 0 || sameLineChildren[st.id].empty()) return true;
        return calledMethods(program.line(st.line())).contains(QString::fromStdString(st.opName));
    };
    // A folded helper belongs to its nearest kept descendant on the line.
    std::map<int, int> ownerOf;
    std::function<int(int)> owner = [&](int id) -> int {
        if (auto it = ownerOf.find(id); it != ownerOf.end()) return it->second;
        const StreamSnapshot &st = *byId[id];
        const int o = keptAsRow(st) ? id : owner(sameLineChildren[id].front());
        ownerOf[id] = o;
        return o;
    };
    std::vector<TimelineRow> rows, outputs;
    std::map<int, std::size_t> rowOf;
    for (const auto &st : s.streams) {
        if (st.isOutput) continue;
        if (owner(st.id) != st.id) continue;
        TimelineRow r;
        r.streamId = st.id;
        r.line = st.line();
        r.statement = program.statement(st);
        rowOf[st.id] = rows.size();
        rows.push_back(r);
    }
    for (const auto &st : s.streams) {
        if (st.isOutput) continue;
        TimelineRow &r = rows[rowOf[owner(st.id)]];
        r.members.push_back(st.id);
        if (st.windowMs > 0 && r.windowStreamId < 0) {
            r.windowMs = st.windowMs;
            r.slideMs = st.slideMs;
            r.windowStreamId = st.id;
        }
        r.carriesState = r.carriesState || st.carriesState;
    }
    // Names. A line that assigns (`pairs = lines.flatMap(...).map(...)`) names the last row whose
    // operator it calls (else its last row) by the variable; a line that does not is named by
    // its last call before the output (`lines.window(3, 2).count()` -> count) on its last row.
    // The other rows of a line are named by their operator.
    static const QRegularExpression assign(QStringLiteral(R"(^\s*[A-Za-z_][A-Za-z0-9_]*\s*=(?!=))"));
    std::map<int, int> primaryOfLine;
    for (const auto &r : rows)
        if (r.line > 0) primaryOfLine[r.line] = r.streamId; // the line's last row
    for (const auto &r : rows) {
        if (r.line <= 0 || !assign.match(program.line(r.line)).hasMatch()) continue;
        if (calledMethods(program.line(r.line)).contains(QString::fromStdString(byId[r.streamId]->opName)))
            primaryOfLine[r.line] = r.streamId; // rows are in id order: the last one called wins
    }
    for (auto &r : rows) {
        const StreamSnapshot &st = *byId[r.streamId];
        const QString op = QString::fromStdString(st.opName);
        r.name = op;
        if (r.line <= 0 || primaryOfLine[r.line] != r.streamId) continue;
        const QString code = program.line(r.line);
        if (assign.match(code).hasMatch()) {
            r.name = program.variableName(st);
        } else {
            for (const QString &m : calledMethods(code))
                if (!isOutputMethod(m)) r.name = m;
        }
    }
    for (const auto &st : s.streams) {
        if (!st.isOutput) continue;
        TimelineRow r;
        r.streamId = st.id;
        r.members = {st.id};
        r.isOutput = true;
        r.line = st.line();
        r.statement = program.statement(st);
        r.name = program.statement(st, 28); // "wordCounts.pprint()"
        outputs.push_back(r);
    }
    rows.insert(rows.end(), outputs.begin(), outputs.end());
    makeNamesUnique(rows);
    return rows;
}

} // namespace dsl::ui
