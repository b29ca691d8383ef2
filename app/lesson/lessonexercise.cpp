// Exercise checks: both programs' printed output cut at batches, and the first line that differs.
#include "lessonexercise.h"

#include "lessonquery.h"

#include <algorithm>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

namespace {

QStringList linesOf(std::string_view text)
{
    QStringList lines = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    return lines;
}

/// PySpark's pprint header (pyspark/streaming/dstream.py, DStream.pprint's takeAndPrint): a
/// line of dashes, "Time: ...", a line of dashes, then the records.
bool isPprintHeader(const QStringList &lines, qsizetype k)
{
    static const QString dashes(43, u'-');
    return k + 1 < lines.size() && lines[k] == dashes && lines[k + 1].startsWith(u"Time: "_s);
}

/// Where line j of a batch's output is: its pprint block (1-based, 0: none) and the line
/// within that block's records (or within the batch's output when in no block).
std::pair<int, int> positionOf(const QStringList &lines, qsizetype j)
{
    int print = 0;
    qsizetype recordsFrom = 0;
    for (qsizetype k = 0; k <= j && k < lines.size(); ++k) {
        if (isPprintHeader(lines, k)) {
            ++print;
            recordsFrom = k + 3;
        }
    }
    if (print == 0) return {0, static_cast<int>(j + 1)};
    return {print, static_cast<int>(std::max<qsizetype>(0, j - recordsFrom + 1))};
}

/// "the pprint at line 21 (wordCounts.pprint())": the reference's p-th pprint output operation.
QString printName(const LessonRun &run, int p)
{
    if (!run.snapshot || p <= 0) return {};
    std::vector<const session::StreamSnapshot *> prints;
    for (const auto &s : run.snapshot->streams)
        if (s.isOutput && s.opName == "pprint") prints.push_back(&s);
    std::sort(prints.begin(), prints.end(), [](auto *a, auto *b) { return a->outputOpId < b->outputOpId; });
    if (static_cast<std::size_t>(p) > prints.size()) return {};
    const session::StreamSnapshot &s = *prints[static_cast<std::size_t>(p - 1)];
    const QStringList src = run.source.split(u'\n');
    QString stmt = s.line() > 0 && s.line() <= src.size() ? src[s.line() - 1] : QString();
    if (const auto hash = stmt.indexOf(u" #"_s); hash >= 0) stmt.truncate(hash); // the code, not its comment
    stmt = stmt.trimmed();
    return u"the pprint at line "_s + QString::number(s.line()) + (stmt.isEmpty() ? QString() : u" ("_s + stmt + u')');
}

} // namespace

PrintedOutput printedByBatch(const session::RunSnapshot &snapshot)
{
    PrintedOutput out;
    const std::string &console = *snapshot.console;
    const std::size_t dropped = snapshot.consoleDropped;
    std::size_t from = dropped;
    auto slice = [&](std::size_t end) {
        const std::size_t lo = std::max(from, dropped) - dropped;
        const std::size_t hi = std::min(std::max(end, dropped) - dropped, console.size());
        return hi > lo ? std::string_view(console).substr(lo, hi - lo) : std::string_view();
    };
    for (const auto &[t, b] : snapshot.batches) {
        if (!b->evaluated) continue;
        out.batches.append({t, linesOf(slice(b->consoleEnd))});
        from = std::max(from, b->consoleEnd);
    }
    out.after = linesOf(slice(dropped + console.size()));
    return out;
}

QString ExerciseDifference::toString() const
{
    QString s = batchTime ? u"batch "_s + batchText : u"after the last batch"_s;
    if (print > 0) s += u", "_s + (printName.isEmpty() ? u"pprint "_s + QString::number(print) : printName);
    if (line > 0) s += u", line "_s + QString::number(line);
    s += u": expected "_s + (expected.isEmpty() ? u"nothing"_s : expected) + u", got "_s + (got.isEmpty() ? u"nothing"_s : got);
    return s;
}

QString ExerciseResult::toString() const
{
    if (passed) return u"passed: the output equals the reference's"_s;
    if (!error.isEmpty()) return error;
    return difference ? u"first difference: "_s + difference->toString() : u"not passed"_s;
}

ExerciseResult compareRuns(const LessonRun &reference, const LessonRun &student)
{
    ExerciseResult r;
    if (!reference.snapshot || reference.raised) {
        r.error = u"the reference program raised: "_s + reference.errorSummary();
        return r;
    }
    if (!student.snapshot || student.raised) {
        r.error = u"your program raised: "_s + student.errorSummary();
        return r;
    }
    const PrintedOutput want = printedByBatch(*reference.snapshot), have = printedByBatch(*student.snapshot);
    auto differ = [&](std::optional<SimTime> t, const QStringList &a, const QStringList &b) -> bool {
        const qsizetype n = std::max(a.size(), b.size());
        for (qsizetype j = 0; j < n; ++j) {
            const QString e = j < a.size() ? a[j] : QString(), g = j < b.size() ? b[j] : QString();
            if (j < a.size() && j < b.size() && e == g) continue;
            ExerciseDifference d;
            d.batchTime = t;
            if (t) d.batchText = batchTimeText(*reference.snapshot, *t);
            std::tie(d.print, d.line) = positionOf(j < a.size() ? a : b, j);
            d.printName = printName(reference, d.print);
            d.expected = e;
            d.got = g;
            r.difference = d;
            return true;
        }
        return false;
    };
    const qsizetype n = std::max(want.batches.size(), have.batches.size());
    for (qsizetype i = 0; i < n; ++i) {
        const bool hasWant = i < want.batches.size(), hasHave = i < have.batches.size();
        if (hasWant && hasHave && want.batches[i].time != have.batches[i].time) {
            ExerciseDifference d;
            d.batchTime = want.batches[i].time;
            d.batchText = batchTimeText(*reference.snapshot, want.batches[i].time);
            d.expected = u"a batch at "_s + d.batchText;
            d.got = u"a batch at "_s + batchTimeText(*student.snapshot, have.batches[i].time);
            r.difference = d;
            return r;
        }
        const auto t = hasWant ? want.batches[i].time : have.batches[i].time;
        if (differ(t, hasWant ? want.batches[i].lines : QStringList(), hasHave ? have.batches[i].lines : QStringList())) return r;
    }
    if (differ(std::nullopt, want.after, have.after)) return r;
    r.passed = true;
    return r;
}

std::vector<ScriptLine> exerciseInput(const Lesson &lesson, const LessonExercise &exercise)
{
    std::vector<ScriptLine> lines = lessonInput(lesson, lesson.settings.batchInterval.value_or(Duration(1000)));
    lines.insert(lines.end(), exercise.hiddenInput.begin(), exercise.hiddenInput.end());
    std::stable_sort(lines.begin(), lines.end(), [](const ScriptLine &a, const ScriptLine &b) { return a.offset < b.offset; });
    return lines;
}

QString exerciseStartProgram(const Lesson &lesson, int step)
{
    if (step >= 0 && step < lesson.steps.size() && lesson.steps[step].exercise && !lesson.steps[step].exercise->start.isEmpty())
        return lesson.steps[step].exercise->start;
    QString program = lesson.program;
    for (int k = 0; k <= step && k < lesson.steps.size(); ++k)
        for (const LessonAction &a : lesson.steps[k].actions)
            if (const auto *o = std::get_if<OpenAction>(&a)) program = o->program;
    return program;
}

ExerciseResult checkExercise(const Lesson &lesson, const LessonExercise &exercise, const QString &studentSource,
                             LessonRunner &runner, const QString &studentPath)
{
    const std::vector<ScriptLine> input = exerciseInput(lesson, exercise);
    const LessonRun reference = runner.run({lesson.path(exercise.reference), std::nullopt, lesson.settings, input});
    const QString path = !studentPath.isEmpty() ? studentPath
                         : lesson.path(exercise.start.isEmpty() ? lesson.program : exercise.start);
    const LessonRun student = runner.run({path, studentSource, lesson.settings, input});
    return compareRuns(reference, student);
}

} // namespace dsl::lesson
