// The lesson.json reader: queries, questions, exercises, actions, steps and settings.
#include "lessonreader.h"

#include "engine/faults.h"
#include "engine/timeformat.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace dsl::lesson::detail {

std::optional<LessonQuery> Reader::query(const QJsonValue &v, const QString &path)
{
    if (!v.isObject()) {
        problem(path, uR"(must be a query object such as {"query": "records", "stream": "words", "batch": 2})"_s);
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    static const QList<std::pair<QString, LessonQuery::Kind>> kinds{
        {u"keyValue"_s, LessonQuery::Kind::KeyValue},
        {u"records"_s, LessonQuery::Kind::Records},
        {u"partitions"_s, LessonQuery::Kind::Partitions},
        {u"blocks"_s, LessonQuery::Kind::Blocks},
        {u"firstBatchPrinting"_s, LessonQuery::Kind::FirstBatchPrinting},
        {u"completedBatches"_s, LessonQuery::Kind::CompletedBatches},
        {u"dbRows"_s, LessonQuery::Kind::DbRows},
        {u"dbValue"_s, LessonQuery::Kind::DbValue},
        {u"dbConnections"_s, LessonQuery::Kind::DbConnections},
        {u"dbStatements"_s, LessonQuery::Kind::DbStatements},
        {u"kafkaRead"_s, LessonQuery::Kind::KafkaRead},
        {u"kafkaLag"_s, LessonQuery::Kind::KafkaLag},
        {u"kafkaCommitted"_s, LessonQuery::Kind::KafkaCommitted},
        {u"tracedLines"_s, LessonQuery::Kind::TracedLines},
        {u"schedulingDelay"_s, LessonQuery::Kind::SchedulingDelay},
        {u"processingTime"_s, LessonQuery::Kind::ProcessingTime},
    };
    const QString name = o.value(u"query"_s).toString();
    LessonQuery q;
    q.field = path;
    bool known = false;
    QStringList names;
    for (const auto &[n, k] : kinds) {
        names << n;
        if (n == name) {
            q.kind = k;
            known = true;
        }
    }
    if (!known) {
        problem(join(path, u"query"_s), (name.isEmpty() ? u"missing"_s : u"unknown query '"_s + name + u'\'') +
                                            u" (expected one of: "_s + names.join(u", "_s) + u')');
        return std::nullopt;
    }
    const int before = count();
    // The comparison keys belong to a predicate around the query (an option's "holds").
    QStringList allowed{u"query"_s, u"equals"_s, u"greaterThan"_s, u"lessThan"_s};
    switch (q.kind) {
    case LessonQuery::Kind::KeyValue:
    case LessonQuery::Kind::TracedLines:
        q.key = string(o, u"key"_s, path);
        allowed << u"key"_s;
        [[fallthrough]];
    case LessonQuery::Kind::Records:
    case LessonQuery::Kind::Partitions:
        q.stream = string(o, u"stream"_s, path);
        allowed << u"stream"_s;
        [[fallthrough]];
    case LessonQuery::Kind::Blocks:
        q.batch = positiveInt(o, u"batch"_s, path).value_or(0);
        allowed << u"batch"_s;
        break;
    case LessonQuery::Kind::FirstBatchPrinting:
        q.text = string(o, u"text"_s, path);
        allowed << u"text"_s;
        break;
    case LessonQuery::Kind::CompletedBatches:
        break;
    case LessonQuery::Kind::DbValue:
        q.key = string(o, u"key"_s, path);
        q.column = string(o, u"column"_s, path);
        allowed << u"key"_s << u"column"_s;
        [[fallthrough]];
    case LessonQuery::Kind::DbRows:
        q.table = string(o, u"table"_s, path);
        allowed << u"table"_s;
        [[fallthrough]];
    case LessonQuery::Kind::DbConnections:
    case LessonQuery::Kind::DbStatements:
    case LessonQuery::Kind::KafkaRead:
    case LessonQuery::Kind::KafkaLag:
    case LessonQuery::Kind::KafkaCommitted:
    case LessonQuery::Kind::SchedulingDelay:
    case LessonQuery::Kind::ProcessingTime:
        q.batch = positiveInt(o, u"batch"_s, path).value_or(0);
        allowed << u"batch"_s;
        break;
    }
    onlyKeys(o, path, allowed);
    return count() == before ? std::optional(q) : std::nullopt;
}

std::optional<LessonQuestion> Reader::question(const QJsonObject &o, const QString &path)
{
    const int before = count();
    onlyKeys(o, path, {u"kind"_s, u"prompt"_s, u"answer"_s, u"options"_s, u"explanation"_s});
    LessonQuestion q;
    q.field = path;
    const QString kind = string(o, u"kind"_s, path);
    if (kind == u"choice"_s) q.kind = LessonQuestion::Kind::Choice;
    else if (kind == u"value"_s) q.kind = LessonQuestion::Kind::Value;
    else if (!kind.isEmpty()) problem(join(path, u"kind"_s), u"unknown kind '"_s + kind + u"' (expected choice or value)"_s);
    if (auto t = text(o, u"prompt"_s, path)) q.prompt = *t;
    q.explanation = text(o, u"explanation"_s, path, false);
    if (o.contains(u"answer"_s)) q.answer = query(o.value(u"answer"_s), join(path, u"answer"_s));
    else if (q.kind == LessonQuestion::Kind::Value) problem(join(path, u"answer"_s), u"missing: a value question needs a query"_s);

    if (q.kind == LessonQuestion::Kind::Choice) {
        const QJsonArray options = o.value(u"options"_s).toArray();
        if (options.size() < 2) problem(join(path, u"options"_s), u"a choice question needs at least two options"_s);
        for (qsizetype i = 0; i < options.size(); ++i) {
            const QString op = index(join(path, u"options"_s), i);
            const QJsonObject oo = options[i].toObject();
            onlyKeys(oo, op, {u"text"_s, u"value"_s, u"holds"_s});
            LessonQuestion::Option option;
            if (auto t = text(oo, u"text"_s, op)) option.text = *t;
            if (oo.contains(u"value"_s)) {
                if (!oo.value(u"value"_s).isDouble()) problem(join(op, u"value"_s), u"must be a number"_s);
                else option.value = oo.value(u"value"_s).toDouble();
                if (!o.contains(u"answer"_s))
                    problem(join(op, u"value"_s), u"an option's value is compared with the question's answer query, and there is none"_s);
            } else if (oo.contains(u"holds"_s)) {
                const QString hp = join(op, u"holds"_s);
                const QJsonObject h = oo.value(u"holds"_s).toObject();
                auto qq = query(oo.value(u"holds"_s), hp);
                QStringList ops;
                for (const QString &k : {u"equals"_s, u"greaterThan"_s, u"lessThan"_s})
                    if (h.contains(k)) ops << k;
                if (ops.size() != 1) {
                    problem(hp, u"needs exactly one of equals, greaterThan, lessThan"_s);
                } else if (qq) {
                    LessonPredicate pred;
                    pred.query = *qq;
                    pred.op = ops[0] == u"equals"_s ? LessonPredicate::Op::Equals
                              : ops[0] == u"greaterThan"_s ? LessonPredicate::Op::GreaterThan
                                                           : LessonPredicate::Op::LessThan;
                    const QJsonValue operand = h.value(ops[0]);
                    if (operand.isDouble()) pred.operand = operand.toDouble();
                    else if (auto other = query(operand, join(hp, ops[0]))) pred.operand = *other;
                    option.holds = pred;
                }
            } else {
                problem(op, u"an option needs \"value\" (compared with the answer query) or \"holds\" (a computed condition)"_s);
            }
            q.options.append(option);
        }
    } else if (o.contains(u"options"_s)) {
        problem(join(path, u"options"_s), u"only a choice question has options"_s);
    }
    return count() == before ? std::optional(q) : std::nullopt;
}

std::optional<std::vector<ScriptLine>> Reader::scriptLines(const QString &text, const QString &path)
{
    std::vector<ScriptLine> lines;
    std::string error;
    if (!parseInputScript(text.toStdString(), lines, error)) {
        problem(path, QString::fromStdString(error));
        return std::nullopt;
    }
    return lines;
}

std::optional<LessonExercise> Reader::exercise(const QJsonObject &o, const QString &path)
{
    const int before = count();
    onlyKeys(o, path, {u"task"_s, u"reference"_s, u"start"_s, u"hiddenInput"_s});
    LessonExercise e;
    e.field = path;
    if (auto t = text(o, u"task"_s, path)) e.task = *t;
    e.reference = file(o, u"reference"_s, path);
    e.start = file(o, u"start"_s, path, false);
    const QJsonValue hidden = o.value(u"hiddenInput"_s);
    if (!hidden.isArray() || hidden.toArray().isEmpty()) {
        problem(join(path, u"hiddenInput"_s), uR"(must be a non-empty array of input lines "SECONDS\tTEXT")"_s);
    } else {
        QStringList lines;
        for (const auto &l : hidden.toArray()) lines << l.toString();
        if (!std::all_of(lines.begin(), lines.end(), [](const QString &l) { return l.contains(u'\t'); }))
            problem(join(path, u"hiddenInput"_s), u"every line needs its time: \"SECONDS\\tTEXT\""_s);
        else if (auto parsed = scriptLines(lines.join(u'\n'), join(path, u"hiddenInput"_s)))
            e.hiddenInput = std::move(*parsed);
    }
    return count() == before ? std::optional(e) : std::nullopt;
}

std::optional<LessonAction> Reader::action(const QJsonValue &v, const QString &path)
{
    const QJsonObject o = v.toObject();
    const QString kind = o.value(u"do"_s).toString();
    const QString kp = join(path, u"do"_s);
    const int before = count();
    if (kind == u"type"_s) {
        onlyKeys(o, path, {u"do"_s, u"lines"_s});
        TypeLinesAction a;
        for (const auto &l : o.value(u"lines"_s).toArray()) a.lines << l.toString();
        if (a.lines.isEmpty() || a.lines.contains(QString()))
            problem(join(path, u"lines"_s), u"must be a non-empty array of non-empty lines"_s);
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"run"_s) {
        onlyKeys(o, path, {u"do"_s, u"untilBatch"_s, u"untilTime"_s});
        RunAction a;
        a.untilBatch = positiveInt(o, u"untilBatch"_s, path, false);
        a.untilTime = duration(o, u"untilTime"_s, path);
        if (count() == before && a.untilBatch.has_value() == a.untilTime.has_value())
            problem(path, u"a run action needs exactly one of untilBatch, untilTime"_s);
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"select"_s) {
        onlyKeys(o, path, {u"do"_s, u"batch"_s, u"view"_s});
        SelectAction a;
        a.batch = positiveInt(o, u"batch"_s, path).value_or(0);
        a.view = string(o, u"view"_s, path);
        if (!a.view.isEmpty() && !kLessonViews.contains(a.view))
            problem(join(path, u"view"_s), u"unknown view '"_s + a.view + u"' (expected one of: "_s + kLessonViews.join(u", "_s) + u')');
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"open"_s) {
        onlyKeys(o, path, {u"do"_s, u"program"_s, u"raises"_s});
        OpenAction a;
        a.program = file(o, u"program"_s, path);
        a.raises = string(o, u"raises"_s, path, false);
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"restart"_s) {
        onlyKeys(o, path, {u"do"_s, u"at"_s});
        RestartAction a;
        const auto at = duration(o, u"at"_s, path);
        if (!at && count() == before)
            problem(join(path, u"at"_s), u"missing: when the new driver starts, after the lesson's start (\"8s\")"_s);
        if (at) a.at = *at;
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"fault"_s) {
        onlyKeys(o, path, {u"do"_s, u"at"_s, u"action"_s});
        FaultAction a;
        const auto at = duration(o, u"at"_s, path);
        if (!at && count() == before)
            problem(join(path, u"at"_s), u"missing: when the fault is armed, after the lesson's start (\"1s\")"_s);
        if (at) a.at = *at;
        a.action = string(o, u"action"_s, path);
        Fault parsed;
        std::string error;
        if (!a.action.isEmpty() && !parseFaultAction(a.action.toStdString(), "action", parsed, error))
            problem(join(path, u"action"_s), QString::fromStdString(error.substr(error.find(": ") + 2)));
        return count() == before ? std::optional<LessonAction>(a) : std::nullopt;
    }
    if (kind == u"kafka"_s) {
        problem(kp, u"action kind '"_s + kind + u"' is reserved for a later version of the lesson format"_s);
        return std::nullopt;
    }
    problem(kp, (kind.isEmpty() ? u"missing"_s : u"unknown action kind '"_s + kind + u'\'') +
                    u" (expected one of: type, run, select, open, restart, fault)"_s);
    return std::nullopt;
}

std::optional<LessonStep> Reader::step(const QJsonValue &v, const QString &path)
{
    if (!v.isObject()) {
        problem(path, u"must be an object"_s);
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    const int before = count();
    onlyKeys(o, path, {u"narration"_s, u"actions"_s, u"question"_s, u"hint"_s, u"exercise"_s});
    LessonStep s;
    s.field = path;
    if (auto t = text(o, u"narration"_s, path)) s.narration = *t;
    const QJsonArray actions = o.value(u"actions"_s).toArray();
    if (o.contains(u"actions"_s) && !o.value(u"actions"_s).isArray())
        problem(join(path, u"actions"_s), u"must be an array"_s);
    for (qsizetype i = 0; i < actions.size(); ++i)
        if (auto a = action(actions[i], index(join(path, u"actions"_s), i))) s.actions.append(*a);
    if (o.contains(u"question"_s)) s.question = question(o.value(u"question"_s).toObject(), join(path, u"question"_s));
    s.hint = text(o, u"hint"_s, path, false);
    if (o.contains(u"exercise"_s)) s.exercise = exercise(o.value(u"exercise"_s).toObject(), join(path, u"exercise"_s));
    return count() == before ? std::optional(s) : std::nullopt;
}

LessonSettings Reader::settings(const QJsonObject &o, const QString &path)
{
    onlyKeys(o, path, {u"master"_s, u"batchInterval"_s, u"blockInterval"_s, u"seed"_s, u"start"_s, u"seconds"_s,
                       u"kafkaPartitions"_s, u"kafkaRetention"_s});
    LessonSettings s;
    s.master = string(o, u"master"_s, path, false);
    // local[N,F]: N cores, spark.task.maxFailures F (SparkContext.createTaskScheduler's
    // LOCAL_N_FAILURES_REGEX in core/src/main/scala/org/apache/spark/SparkContext.scala).
    static const QRegularExpression master(uR"(^local(\[(\d+|\*)(,\d+)?\])?$)"_s);
    if (!s.master.isEmpty() && !master.match(s.master).hasMatch())
        problem(join(path, u"master"_s), u"must be local, local[N], local[*] or local[N,F]"_s);
    s.batchInterval = duration(o, u"batchInterval"_s, path);
    s.blockInterval = duration(o, u"blockInterval"_s, path);
    s.seconds = duration(o, u"seconds"_s, path);
    if (o.contains(u"seed"_s)) {
        const double seed = o.value(u"seed"_s).toDouble(-1);
        if (seed < 0 || seed != std::floor(seed)) problem(join(path, u"seed"_s), u"must be a non-negative whole number"_s);
        else s.seed = static_cast<std::uint64_t>(seed);
    }
    if (o.contains(u"kafkaPartitions"_s)) {
        const QString field = join(path, u"kafkaPartitions"_s);
        if (!o.value(u"kafkaPartitions"_s).isObject()) problem(field, uR"(must be an object of topics and partitions, e.g. {"words": 2})"_s);
        const QJsonObject partitions = o.value(u"kafkaPartitions"_s).toObject();
        for (auto it = partitions.begin(); it != partitions.end(); ++it) {
            const std::string why = kafkaTopicError(it.key().toStdString());
            const double n = it.value().toDouble(-1);
            if (!why.empty()) problem(field, QString::fromStdString(why));
            else if (n < 1 || n > 1000 || n != std::floor(n)) problem(join(field, it.key()), u"must be a whole number of partitions from 1 to 1000"_s);
            else s.kafkaPartitions[it.key()] = static_cast<int>(n);
        }
    }
    if (o.contains(u"kafkaRetention"_s)) {
        const QString field = join(path, u"kafkaRetention"_s);
        if (!o.value(u"kafkaRetention"_s).isObject()) problem(field, uR"(must be an object of topics and durations, e.g. {"words": "5s"})"_s);
        const QJsonObject retention = o.value(u"kafkaRetention"_s).toObject();
        for (auto it = retention.begin(); it != retention.end(); ++it) {
            const std::string why = kafkaTopicError(it.key().toStdString());
            const auto d = it.value().isString() ? parseDurationText(it.value().toString()) : std::nullopt;
            if (!why.empty()) problem(field, QString::fromStdString(why));
            else if (!d || d->ms() <= 0) problem(join(field, it.key()), u"must be a positive duration such as \"5s\""_s);
            else s.kafkaRetention[it.key()] = *d;
        }
    }
    s.start = string(o, u"start"_s, path);
    if (!s.start.isEmpty() && !parseLocalDateTime(s.start.toStdString(), s.startTime))
        problem(join(path, u"start"_s), u"must be a local time such as \"2026-11-24 10:00:00\""_s);
    return s;
}

QByteArray readAll(const QString &path, bool *ok)
{
    QFile f(path);
    const bool opened = f.open(QIODevice::ReadOnly);
    if (ok) *ok = opened;
    return opened ? f.readAll() : QByteArray();
}

/// QJsonParseError gives a byte offset; a teacher wants the line and column. Qt's parser stops
/// just past the character it could not take (a missing comma: the next key's quote), except
/// on an illegal value, where it stops at the value: point at that character.
QString lineColumn(const QByteArray &json, int offset)
{
    if (offset > 0 && offset <= json.size() && !QChar::isSpace(static_cast<unsigned char>(json[offset - 1]))) --offset;
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
            ++column; // count characters, not UTF-8 continuation bytes
        }
    }
    return u"line "_s + QString::number(line) + u", column "_s + QString::number(column);
}

/// A restart stops a driver that ran, and the new driver starts after where that one stopped
/// (an untilBatch stop is known only from the run: checkLesson compares it).
void checkRestarts(Reader &r, const Lesson &l)
{
    bool ran = false;
    qint64 stoppedAtMs = -1; // an untilTime stop; -1: none (or an untilBatch one)
    for (const LessonStep &s : l.steps) {
        for (qsizetype i = 0; i < s.actions.size(); ++i) {
            const QString path = Reader::index(s.field + u".actions"_s, i);
            if (const auto *run = std::get_if<RunAction>(&s.actions[i])) {
                ran = true;
                stoppedAtMs = run->untilTime ? run->untilTime->ms() : -1;
            } else if (std::holds_alternative<OpenAction>(s.actions[i])) {
                ran = false;
                stoppedAtMs = -1;
            } else if (const auto *restart = std::get_if<RestartAction>(&s.actions[i])) {
                if (!ran)
                    r.problem(path, u"a restart stops a driver that has run: a run action must come before it"_s);
                else if (stoppedAtMs >= 0 && restart->at.ms() <= stoppedAtMs)
                    r.problem(Reader::join(path, u"at"_s), u"must be later than the untilTime the driver stops at"_s);
                ran = false;
                stoppedAtMs = -1;
            }
        }
    }
}

} // namespace dsl::lesson::detail
