// SessionJournal, reading side: a journal file back into a RecoveredSession, finding killed sessions, and replaying one.
#include "sessionjournal.h"
#include "sessionjournalformat.h"

#include "engine/inputscript.h"

#include <QByteArrayView>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLockFile>

#include <cmath>

#include <filesystem>
#include <map>
#include <memory>

namespace dsl::session {

using namespace journalformat;

namespace {

// ---- reading ---------------------------------------------------------------------------------

/// Reads one object into `s`; false with the reason (translated) in `why`.
class LineReader {
public:
    explicit LineReader(RecoveredSession &s) : m_s(s) {}

    bool read(QByteArrayView line, int lineNo, QString &why)
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            why = pe.error != QJsonParseError::NoError
                      ? SessionJournal::tr("not a JSON object (%1 at column %2)").arg(pe.errorString()).arg(pe.offset + 1)
                      : SessionJournal::tr("not a JSON object");
            return false;
        }
        m_o = doc.object();
        const QString op = m_o.value(QStringLiteral("op")).toString();
        if (lineNo == 1 || op == QLatin1String("session")) {
            if (lineNo != 1 || op != QLatin1String("session")) {
                why = SessionJournal::tr("not a DStream Lab session journal (its first line must be the session header)");
                return false;
            }
            return header(why);
        }
        if (op == QLatin1String("program")) return program(why);
        if (op == QLatin1String("options")) return options(why);
        if (op == QLatin1String("start")) {
            // SetStartTime: the runs' clock moved, and the log was cleared with it.
            qint64 t = 0;
            if (!integer("t", t, why)) return false;
            m_s.startTime = SimTime(t);
            return true;
        }
        JournalOp j;
        bool ok = false;
        if (op == QLatin1String("script")) ok = script(j, why);
        else if (op == QLatin1String("typed")) ok = typed(j, why);
        else if (op == QLatin1String("file")) ok = file(j, why);
        else if (op == QLatin1String("kafka")) ok = kafka(j, why);
        else if (op == QLatin1String("server")) ok = server(j, why);
        else if (op == QLatin1String("auto-start")) ok = autoStart(j, why);
        else if (op == QLatin1String("auto-advance")) ok = timeOnly(j, JournalOp::Kind::AutoAdvance, why);
        else if (op == QLatin1String("auto-stop")) ok = timeOnly(j, JournalOp::Kind::AutoStop, why);
        else if (op == QLatin1String("clear")) {
            j.kind = JournalOp::Kind::Clear;
            ok = true;
        } else {
            why = SessionJournal::tr("unknown operation \"%1\"").arg(op);
        }
        if (ok) m_s.ops.push_back(std::move(j));
        return ok;
    }

private:
    bool bad(const char *field, QString &why)
    {
        why = SessionJournal::tr("missing or bad field \"%1\"").arg(QLatin1String(field));
        return false;
    }
    QJsonValue v(const char *field) const { return m_o.value(QLatin1String(field)); }
    bool integer(const char *field, qint64 &out, QString &why) { return intFrom(v(field), out) || bad(field, why); }
    bool port(int &out, QString &why)
    {
        qint64 p = 0;
        if (!integer("port", p, why)) return false;
        if (p < 0 || p > 65535) return bad("port", why);
        out = int(p);
        return true;
    }

    bool header(QString &why)
    {
        qint64 version = 0, pid = 0, start = 0;
        if (!integer("version", version, why) || !integer("pid", pid, why) || !integer("start", start, why)) return false;
        if (version > kFormatVersion) {
            why = SessionJournal::tr("journal format %1 is newer than this DStream Lab reads (%2)").arg(version).arg(kFormatVersion);
            return false;
        }
        m_s.pid = pid;
        m_s.startTime = SimTime(start);
        return true;
    }
    bool program(QString &why)
    {
        if (!v("file").isString()) return bad("file", why);
        if (!v("source").isString()) return bad("source", why);
        m_s.programFileName = v("file").toString();
        m_s.programSource = v("source").toString();
        return true;
    }
    bool options(QString &why)
    {
        RunOptions o;
        if (!v("master").isString()) return bad("master", why);
        o.master = v("master").toString();
        qint64 ms = 0;
        if (!v("batch").isUndefined()) {
            if (!integer("batch", ms, why) || ms <= 0) return bad("batch", why);
            o.batchIntervalMs = ms;
        }
        if (!v("block").isUndefined()) {
            if (!integer("block", ms, why) || ms <= 0) return bad("block", why);
            o.blockIntervalMs = ms;
        }
        if (!v("kafkaPartitions").isUndefined()) {
            if (!v("kafkaPartitions").isObject()) return bad("kafkaPartitions", why);
            const QJsonObject partitions = v("kafkaPartitions").toObject();
            for (auto it = partitions.begin(); it != partitions.end(); ++it) {
                const int n = it.value().toInt(0);
                if (n < 1 || !kafkaTopicError(it.key().toStdString()).empty()) return bad("kafkaPartitions", why);
                o.kafkaPartitions[it.key()] = n;
            }
        }
        if (!v("kafkaRetentionMs").isUndefined()) {
            if (!v("kafkaRetentionMs").isObject()) return bad("kafkaRetentionMs", why);
            const QJsonObject retention = v("kafkaRetentionMs").toObject();
            for (auto it = retention.begin(); it != retention.end(); ++it) {
                const double ms = it.value().toDouble(0);
                // Whole milliseconds within JSON's exact integers (2^53), so that they fit a qint64.
                if (ms < 1 || ms > 9007199254740992.0 || ms != std::floor(ms) ||
                    !kafkaTopicError(it.key().toStdString()).empty())
                    return bad("kafkaRetentionMs", why);
                o.kafkaRetentionMs[it.key()] = static_cast<qint64>(ms);
            }
        }
        m_s.options = o;
        return true;
    }
    bool script(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::Script;
        if (!port(j.port, why)) return false;
        const QJsonArray times = v("t").toArray(), texts = v("text").toArray();
        if (!v("t").isArray()) return bad("t", why);
        if (!v("text").isArray() || texts.size() != times.size()) return bad("text", why);
        j.lines.reserve(std::size_t(times.size()));
        for (qsizetype i = 0; i < times.size(); ++i) {
            qint64 t = 0;
            std::string text;
            if (!intFrom(times[i], t)) return bad("t", why);
            if (!textFrom(texts[i], text)) return bad("text", why);
            j.lines.emplace_back(SimTime(t), std::move(text));
        }
        return true;
    }
    bool typed(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::Typed;
        qint64 t = 0;
        if (!integer("t", t, why) || !port(j.port, why)) return false;
        j.time = SimTime(t);
        if (!v("source").isUndefined() && !textFrom(v("source"), j.source)) return bad("source", why);
        return textFrom(v("text"), j.text) || bad("text", why);
    }
    bool file(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::File;
        qint64 t = 0;
        if (!integer("t", t, why)) return false;
        j.time = SimTime(t);
        if (!textFrom(v("dir"), j.directory)) return bad("dir", why);
        if (!textFrom(v("name"), j.name) || j.name.empty()) return bad("name", why);
        return textFrom(v("text"), j.text) || bad("text", why);
    }
    bool kafka(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::Kafka;
        qint64 t = 0;
        if (!integer("t", t, why)) return false;
        j.time = SimTime(t);
        if (!textFrom(v("topic"), j.topic) || !kafkaTopicError(j.topic).empty()) return bad("topic", why);
        if (!v("key").isNull()) {
            j.key.emplace();
            if (!textFrom(v("key"), *j.key)) return bad("key", why);
        }
        return textFrom(v("text"), j.text) || bad("text", why);
    }
    bool server(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::Server;
        qint64 t = 0;
        if (!integer("t", t, why) || !port(j.port, why)) return false;
        j.time = SimTime(t);
        // The names `@server STATE` has (engine/inputscript.h); `connecting` included, which a
        // recording loaded in the dashboard brings.
        const QString event = v("event").toString();
        bool known = false;
        for (const ServerEvent e : {ServerEvent::Connecting, ServerEvent::Connected, ServerEvent::Refused,
                                    ServerEvent::Closed, ServerEvent::Reset})
            if (event == QLatin1String(serverEventName(e))) {
                j.server = e;
                known = true;
            }
        if (!known) return bad("event", why);
        return v("why").isUndefined() || textFrom(v("why"), j.text) || bad("why", why);
    }
    bool autoStart(JournalOp &j, QString &why)
    {
        j.kind = JournalOp::Kind::AutoStart;
        qint64 t = 0;
        if (!integer("t", t, why) || !port(j.port, why)) return false;
        j.time = SimTime(t);
        const QString sample = v("sample").toString();
        if (sample == QLatin1String("english")) j.spec.sample = AutoTyperSpec::Sample::English;
        else if (sample == QLatin1String("chinese")) j.spec.sample = AutoTyperSpec::Sample::Chinese;
        else if (sample == QLatin1String("zipf")) j.spec.sample = AutoTyperSpec::Sample::Zipf;
        else return bad("sample", why);
        j.spec.linesPerSecond = v("rate").toDouble(-1);
        if (!v("topic").isUndefined()) { // the auto-producer
            if (!textFrom(v("topic"), j.spec.topic) || !kafkaTopicError(j.spec.topic).empty()) return bad("topic", why);
            qint64 partitions = 0;
            if (!integer("partitions", partitions, why)) return false;
            if (partitions < 1 || partitions > AutoTyperSpec::kMaxPartitions) return bad("partitions", why);
            j.spec.partitions = int(partitions);
            if (!v("keyed").isBool()) return bad("keyed", why);
            j.spec.keyed = v("keyed").toBool();
        }
        if (!j.spec.isValid()) return bad("rate", why);
        bool ok = false;
        j.spec.seed = v("seed").toString().toULongLong(&ok); // a string: JSON numbers stop at 2^53
        return ok || bad("seed", why);
    }
    bool timeOnly(JournalOp &j, JournalOp::Kind kind, QString &why)
    {
        j.kind = kind;
        qint64 t = 0;
        if (!integer("t", t, why)) return false;
        j.time = SimTime(t);
        return true;
    }

    RecoveredSession &m_s;
    QJsonObject m_o;
};

} // namespace

// ---- RecoveredSession --------------------------------------------------------------------------

void RecoveredSession::replay(SessionInputLog &log, Duration shift) const
{
    std::size_t from = 0;
    for (std::size_t i = 0; i < ops.size(); ++i)
        if (ops[i].kind == JournalOp::Kind::Clear) from = i + 1;
    std::optional<SimTime> lastSeen; // the open auto-typer run's lines exist up to here
    std::map<std::string, std::shared_ptr<const std::string>> sources; // one string per source
    for (std::size_t i = from; i < ops.size(); ++i) {
        const JournalOp &op = ops[i];
        const SimTime t = op.time + shift;
        switch (op.kind) {
        case JournalOp::Kind::Script: {
            std::vector<std::pair<SimTime, std::string>> lines;
            lines.reserve(op.lines.size());
            for (const auto &[lt, text] : op.lines) lines.emplace_back(lt + shift, text);
            log.addScript(std::move(lines), op.port);
            break;
        }
        case JournalOp::Kind::Typed: {
            InputRecord r{InputRecord::Kind::SocketLine, t, op.port, {}, op.text};
            if (!op.source.empty()) {
                auto &name = sources[op.source];
                if (!name) name = std::make_shared<const std::string>(op.source);
                r.source = name;
            }
            log.addTyped(std::move(r));
            break;
        }
        case JournalOp::Kind::File: // joined as ProgramSession::apply(DropFile) joins them
            log.addTyped(InputRecord{InputRecord::Kind::File, t, kFileRecordPort,
                                     (std::filesystem::path(op.directory) / op.name).string(), op.text});
            break;
        case JournalOp::Kind::Kafka: // as ProgramSession::apply(ProduceKafka) makes it
            log.addTyped(InputRecord{InputRecord::Kind::KafkaMessage, t, kFileRecordPort, op.topic, op.text, op.key});
            break;
        case JournalOp::Kind::Server: { // as ProgramSession::apply(RealServerEvent) makes it
            InputRecord r{InputRecord::Kind::Server, t, op.port, {}, op.text};
            r.server = op.server;
            log.addTyped(std::move(r));
            break;
        }
        case JournalOp::Kind::AutoStart:
            log.startAuto(op.spec, t, op.port);
            lastSeen = t - Duration(1);
            break;
        case JournalOp::Kind::AutoAdvance:
            log.advanceAuto(t);
            lastSeen = t;
            break;
        case JournalOp::Kind::AutoStop:
            log.stopAuto(t);
            break;
        case JournalOp::Kind::Clear:
            break; // only the last one is reached: everything before it is gone
        }
    }
    if (log.autoRunning() && lastSeen) log.stopAuto(*lastSeen);
}

std::size_t RecoveredSession::inputLines() const
{
    SessionInputLog log;
    replay(log);
    return log.size();
}

// ---- reading back ------------------------------------------------------------------------------

RecoveredSession SessionJournal::read(const QString &path)
{
    RecoveredSession s;
    s.path = path;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        s.error = tr("%1: cannot read: %2").arg(path, f.errorString());
        return s;
    }
    const QByteArray data = f.readAll();
    LineReader reader(s);
    qsizetype pos = 0;
    int lineNo = 0;
    while (pos < data.size()) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0) { // no newline: the process was killed while writing this line
            s.tornTail = true;
            break;
        }
        ++lineNo;
        const QByteArrayView line(data.constData() + pos, nl - pos);
        pos = nl + 1;
        QString why;
        if (!reader.read(line, lineNo, why)) {
            s.error = tr("%1:%2: %3").arg(path, QString::number(lineNo), why);
            break;
        }
    }
    return s;
}

std::optional<RecoveredSession> SessionJournal::recover(const QString &dir)
{
    const QFileInfoList journals =
        QDir(dir).entryInfoList({QStringLiteral("session-*.journal")}, QDir::Files, QDir::Time); // newest first
    for (const QFileInfo &fi : journals) {
        const QString path = fi.absoluteFilePath();
        // The writer holds this lock while it lives; a dead writer's lock is stale and taken.
        QLockFile lock(lockPathFor(path));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0)) continue;
        lock.unlock();
        RecoveredSession s = read(path);
        if (s.error.isEmpty() && s.isEmpty()) { // killed before anything happened
            QFile::remove(path);
            continue;
        }
        return s;
    }
    return std::nullopt;
}

bool SessionJournal::discard(const RecoveredSession &session)
{
    QFile::remove(lockPathFor(session.path));
    if (session.error.isEmpty()) return QFile::remove(session.path);
    const QString aside = session.path + QStringLiteral(".bad");
    QFile::remove(aside);
    return QFile::rename(session.path, aside);
}

} // namespace dsl::session
