// Lesson queries evaluated over a run's recorded history (RunSnapshot), never by running user code.
#include "lessonquery.h"

#include "app/session/provenance.h"
#include "engine/timeformat.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace dsl::lesson {

// A using-declaration: dsl::operator""_s (seconds, engine/simtime.h) would hide a using-directive's.
using Qt::StringLiterals::operator""_s;

namespace {

QString sourceLine(const QString &source, int line)
{
    if (line <= 0) return {};
    const QStringList lines = source.split(u'\n');
    return line <= lines.size() ? lines[line - 1] : QString();
}

QueryResult fail(const QString &field, const QString &message)
{
    QueryResult r;
    r.errorField = field;
    r.error = message;
    return r;
}

QueryResult number(double v)
{
    QueryResult r;
    r.value = v;
    r.shown = numberText(v);
    return r;
}

/// Python str literal body after the opening quote; false on a malformed literal.
bool readPyString(const QString &s, qsizetype &i, QString &out)
{
    const QChar quote = s[i++];
    while (i < s.size()) {
        const QChar c = s[i++];
        if (c == quote) return true;
        if (c != u'\\') {
            out += c;
            continue;
        }
        if (i >= s.size()) return false;
        const QChar e = s[i++];
        switch (e.unicode()) {
        case 'n': out += u'\n'; break;
        case 't': out += u'\t'; break;
        case 'r': out += u'\r'; break;
        case '\\': out += u'\\'; break;
        case '\'': out += u'\''; break;
        case '"': out += u'"'; break;
        case 'x': case 'u': case 'U': {
            const int n = e == u'x' ? 2 : e == u'u' ? 4 : 8;
            bool ok = false;
            const uint code = s.mid(i, n).toUInt(&ok, 16);
            if (!ok) return false;
            i += n;
            const char32_t c32 = code;
            out += QString::fromUcs4(&c32, 1);
            break;
        }
        default: out += u'\\'; out += e;
        }
    }
    return false;
}

} // namespace

QString numberText(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15) return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'g', 12);
}

bool parsePairRepr(const QString &repr, QString &key, double &value)
{
    const QString s = repr.trimmed();
    if (s.size() < 5 || !s.startsWith(u'(') || !s.endsWith(u')')) return false;
    qsizetype i = 1;
    key.clear();
    if (s[i] == u'\'' || s[i] == u'"') {
        if (!readPyString(s, i, key)) return false;
    } else {
        // Not a str key: its repr up to the separating comma (numbers, None, True).
        const qsizetype comma = s.indexOf(u',', i);
        if (comma < 0) return false;
        key = s.mid(i, comma - i).trimmed();
        i = comma;
    }
    if (i >= s.size() || s[i] != u',') return false;
    bool ok = false;
    value = s.mid(i + 1, s.size() - i - 2).trimmed().toDouble(&ok);
    return ok;
}

QString variableOf(const LessonRun &run, const session::StreamSnapshot &stream)
{
    static const QRegularExpression assign(uR"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=))"_s);
    const auto m = assign.match(sourceLine(run.source, stream.line()));
    return m.hasMatch() ? m.captured(1) : QString();
}

namespace {

/// mapWithState makes its state snapshots on its own line (MapWithStateDStreamImpl.stateSnapshots
/// in streaming/src/main/scala/org/apache/spark/streaming/dstream/MapWithStateDStream.scala is a
/// flatMap of the internal state stream), but hands out the mapped stream: the variable of that
/// line holds the mapped one, and the snapshots belong to `x = mapped.stateSnapshots()`.
bool isStateSnapshots(const session::StreamSnapshot &s)
{
    return s.opName == "stateSnapshots";
}

/// The variables assigned `VAR.stateSnapshots()` in the program, with that VAR.
QList<std::pair<QString, QString>> snapshotAssignments(const QString &source)
{
    static const QRegularExpression re(uR"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\.stateSnapshots\(\s*\))"_s);
    QList<std::pair<QString, QString>> out;
    for (const QString &line : source.split(u'\n'))
        if (const auto m = re.match(line); m.hasMatch()) out.append({m.captured(1), m.captured(2)});
    return out;
}

const session::StreamSnapshot *assignedStream(const LessonRun &run, const QString &name)
{
    const session::StreamSnapshot *found = nullptr;
    // A line such as `pairs = lines.flatMap(...).map(...)` makes several DStreams; the
    // variable holds the last one made (streams come parents first).
    for (const auto &s : run.snapshot->streams)
        if (!s.isOutput && !isStateSnapshots(s) && variableOf(run, s) == name) found = &s;
    return found;
}

} // namespace

const session::StreamSnapshot *streamNamed(const LessonRun &run, const QString &name)
{
    if (!run.snapshot) return nullptr;
    if (const auto *s = assignedStream(run, name)) return s;
    for (const auto &[variable, mappedName] : snapshotAssignments(run.source)) {
        if (variable != name) continue;
        const session::StreamSnapshot *mapped = assignedStream(run, mappedName);
        if (!mapped) continue;
        for (const auto &s : run.snapshot->streams)
            if (isStateSnapshots(s) && s.parents == mapped->parents) return &s;
    }
    return nullptr;
}

QStringList streamNames(const LessonRun &run)
{
    QStringList names;
    if (!run.snapshot) return names;
    for (const auto &s : run.snapshot->streams) {
        const QString v = s.isOutput || isStateSnapshots(s) ? QString() : variableOf(run, s);
        if (!v.isEmpty() && !names.contains(v)) names << v;
    }
    for (const auto &a : snapshotAssignments(run.source))
        if (!names.contains(a.first) && streamNamed(run, a.first)) names << a.first;
    return names;
}

const session::BatchSnapshot *nthBatch(const session::RunSnapshot &snapshot, int n)
{
    if (n < 1 || static_cast<std::size_t>(n) > snapshot.batches.size()) return nullptr;
    return (snapshot.batches.begin() + (n - 1))->second.get();
}

QString batchTimeText(const session::RunSnapshot &snapshot, SimTime t)
{
    return QString::fromStdString(formatBatchTime(t, snapshot.batchInterval));
}

namespace {

/// The db queries: the program's database as the batch's completion left it (DatabaseSnapshot,
/// read by the session between the batch's last task and the next event; docs/database.md).
QueryResult evaluateDatabase(const LessonQuery &q, const session::BatchSnapshot &batch, const QString &batchName)
{
    using K = LessonQuery::Kind;
    auto field = [&](const char *key) { return q.field + u'.' + QLatin1String(key); };
    const session::DatabaseSnapshot *db = batch.database.get();
    if (!db) return fail(field("batch"), batchName + u" has no record of the database (the program did not connect to it)"_s);
    if (q.kind == K::DbConnections) return number(db->connectionsOpened);
    if (q.kind == K::DbStatements) return number(db->statements);
    const session::DbTableSnapshot *table = db->table(q.table.toStdString());
    if (!table) {
        QStringList names;
        for (const auto &t : db->tables) names << QString::fromStdString(t->name);
        return fail(field("table"), u"no table '"_s + q.table + u"' in the database after "_s + batchName + u" (its tables: "_s +
                                        (names.isEmpty() ? u"none"_s : names.join(u", "_s)) + u')');
    }
    if (q.kind == K::DbRows) return number(static_cast<double>(table->totalRows));
    const auto col = std::find(table->columns.begin(), table->columns.end(), q.column.toStdString());
    if (col == table->columns.end()) {
        QStringList columns;
        for (const auto &c : table->columns) columns << QString::fromStdString(c);
        return fail(field("column"), u"no column '"_s + q.column + u"' in "_s + q.table + u" (its columns: "_s +
                                         columns.join(u", "_s) + u')');
    }
    if (static_cast<std::int64_t>(table->rows.size()) < table->totalRows)
        return fail(field("table"), q.table + u" has more rows than were recorded after "_s + batchName);
    const auto c = static_cast<std::size_t>(col - table->columns.begin());
    const std::string key = q.key.toStdString();
    double sum = 0;
    for (const auto &row : table->rows) {
        if (row->cells.empty() || row->cells.front() != key || c >= row->cells.size()) continue;
        bool ok = false;
        const double v = QString::fromStdString(row->cells[c]).toDouble(&ok);
        if (!ok)
            return fail(field("column"), q.table + u"."_s + q.column + u" is not a number for "_s + q.key + u": "_s +
                                             QString::fromStdString(row->cells[c]));
        sum += v;
    }
    return number(sum);
}

} // namespace

QueryResult evaluate(const LessonQuery &q, const LessonRun &run)
{
    const QString base = q.field;
    auto field = [&](const char *key) { return base + u'.' + QLatin1String(key); };
    if (!run.snapshot) return fail(base, u"the program has not run"_s);
    const session::RunSnapshot &snap = *run.snapshot;
    using K = LessonQuery::Kind;

    if (q.kind == K::CompletedBatches) return number(snap.completedBatches);
    if (q.kind == K::FirstBatchPrinting) {
        const std::string needle = q.text.toStdString();
        const std::string &console = *snap.console;
        std::size_t from = snap.consoleDropped;
        int n = 0;
        for (const auto &[t, b] : snap.batches) {
            ++n;
            if (!b->evaluated) continue;
            // The batch's output: what was printed after the previous batch completed.
            const std::size_t lo = std::max(from, snap.consoleDropped) - snap.consoleDropped;
            const std::size_t hi = std::min(std::max(b->consoleEnd, snap.consoleDropped) - snap.consoleDropped, console.size());
            from = b->consoleEnd;
            if (hi > lo && std::string_view(console).substr(lo, hi - lo).find(needle) != std::string_view::npos) {
                QueryResult r = number(n);
                r.shown = u"batch "_s + QString::number(n) + u" ("_s + batchTimeText(snap, t) + u')';
                return r;
            }
        }
        return fail(field("text"), u"no batch prints '"_s + q.text + u'\'');
    }

    const session::BatchSnapshot *batch = nthBatch(snap, q.batch);
    if (!batch)
        return fail(field("batch"), u"there is no batch "_s + QString::number(q.batch) + u": the run has "_s +
                                        QString::number(snap.batches.size()) + u" batches"_s);
    const QString batchName = u"batch "_s + QString::number(q.batch) + u" ("_s + batchTimeText(snap, batch->info.batchTime) + u')';
    if (q.kind == K::Blocks) return number(static_cast<double>(batch->blocks.size()));
    if (q.kind == K::SchedulingDelay || q.kind == K::ProcessingTime) {
        // Spark's BatchInfo delays, in ms of simulated time, as the Streaming tab shows them.
        const auto d = q.kind == K::SchedulingDelay ? batch->info.schedulingDelay() : batch->info.processingDelay();
        if (!d) return fail(field("batch"), batchName + u" has not completed"_s);
        return number(static_cast<double>(d->ms()));
    }
    if (q.kind == K::DbRows || q.kind == K::DbValue || q.kind == K::DbConnections || q.kind == K::DbStatements)
        return evaluateDatabase(q, *batch, batchName);
    if (q.kind == K::KafkaCommitted) {
        // The group's commits as the batch's completion left them (captureKafka); a partition
        // with nothing committed counts 0.
        if (!batch->kafka) return fail(field("batch"), batchName + u" read no Kafka partition (no Kafka stream, or not recorded)"_s);
        double sum = 0;
        for (const auto &p : *batch->kafka) sum += static_cast<double>(p.committed.value_or(0));
        return number(sum);
    }
    if (q.kind == K::KafkaRead || q.kind == K::KafkaLag) {
        // The batch's offset ranges and the logs' ends, as the session captured them when it
        // completed (SnapshotBuilder::captureKafka), summed over the partitions.
        if (!batch->kafka) return fail(field("batch"), batchName + u" read no Kafka partition (no direct stream, or not recorded)"_s);
        double sum = 0;
        for (const auto &p : *batch->kafka) sum += static_cast<double>(q.kind == K::KafkaRead ? p.until - p.from : p.lag());
        return number(sum);
    }

    const session::StreamSnapshot *stream = streamNamed(run, q.stream);
    if (!stream) {
        const QStringList names = streamNames(run);
        return fail(field("stream"), u"no DStream named '"_s + q.stream + u"' in "_s + run.fileName + u" (its DStreams: "_s +
                                         (names.isEmpty() ? u"none"_s : names.join(u", "_s)) + u')');
    }
    const auto box = batch->rdds.find(stream->id);
    if (box == batch->rdds.end())
        return fail(field("batch"), q.stream + u" has no RDD in "_s + batchName);
    const session::RddBoxSnapshot &rdd = box->second;
    using S = session::RddBoxSnapshot::Status;
    if (q.kind == K::TracedLines) {
        // Provenance: the typed lines the key's records came from (app/session/provenance.h).
        const session::ProvenanceTrace tr = session::traceBack(snap, stream->id, batch->info.batchTime, q.key.toStdString());
        if (tr.gap == session::ProvenanceTrace::Gap::NoTrace)
            return fail(field("stream"), q.stream + u" cannot be traced back to typed lines"_s);
        if (tr.batchesNotKept > 0 || tr.moreLines > 0)
            return fail(field("batch"), u"some of the lines behind "_s + q.key + u" in "_s + batchName + u" are no longer recorded"_s);
        return number(static_cast<double>(tr.lines.size()));
    }
    if (q.kind == K::Partitions) {
        if (rdd.status == S::Unknown) return fail(field("batch"), batchName + u" is no longer recorded"_s);
        return number(rdd.numPartitions);
    }
    // An RDD without partitions (an exhausted queue, no new file, a batch without blocks) holds no
    // records: no job computes it, yet nothing about it is unknown.
    const bool noPartitions = rdd.numPartitions == 0 && rdd.status == S::Pending;
    if (rdd.status != S::Computed && !noPartitions)
        return fail(field("stream"), q.stream + u" in "_s + batchName +
                                         u" was not computed in full (no job needed every partition), so its records are not known"_s);
    if (q.kind == K::Records) return number(static_cast<double>(rdd.count));

    // KeyValue: the records the jobs computed, summed per key.
    if (rdd.recordsTruncated) return fail(field("stream"), q.stream + u" in "_s + batchName + u" has more records than were recorded"_s);
    double sum = 0;
    for (const std::string &rec : rdd.records) {
        QString key;
        double value = 0;
        if (!parsePairRepr(QString::fromStdString(rec), key, value))
            return fail(field("stream"), q.stream + u" does not hold (key, number) pairs: "_s + QString::fromStdString(rec));
        if (key == q.key) sum += value;
    }
    return number(sum);
}

} // namespace dsl::lesson
