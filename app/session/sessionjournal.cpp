// SessionJournal, writing side: one JSON line per accepted change, synced before the change returns.
#include "sessionjournal.h"
#include "sessionjournalformat.h"

#include "engine/inputscript.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <filesystem>

#if defined(Q_OS_WIN)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace dsl::session {

using namespace journalformat;

namespace {
/// Auto-typer progress marks are written at most this often (without a sync: a killed process
/// loses nothing written; only a power cut could, and the next synced line syncs them too).
constexpr auto kAdvanceInterval = std::chrono::milliseconds(250);
} // namespace

// ---- writing -----------------------------------------------------------------------------------

QString SessionJournal::defaultDir()
{
    const QString env = qEnvironmentVariable("DSTREAMLAB_DATA_DIR");
    if (!env.isEmpty()) return env;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

SessionJournal::SessionJournal(const QString &journalPath, const QString &lockPath)
    : m_file(journalPath), m_lock(lockPath)
{
}

std::unique_ptr<SessionJournal> SessionJournal::create(const QString &dir, SimTime startTime, QString *error)
{
    auto failed = [&](const QString &why) {
        if (error) *error = why;
        return std::unique_ptr<SessionJournal>();
    };
    if (dir.isEmpty() || !QDir().mkpath(dir)) return failed(tr("Cannot create the folder %1 for the session journal").arg(dir));
    const qint64 pid = QCoreApplication::applicationPid();
    const qint64 created = QDateTime::currentMSecsSinceEpoch();
    const QString base = QDir(dir).absoluteFilePath(QStringLiteral("session-%1-%2").arg(pid).arg(created));
    std::unique_ptr<SessionJournal> j(new SessionJournal(base + QStringLiteral(".journal"), base + QStringLiteral(".lock")));
    j->m_lock.setStaleLockTime(0);
    if (!j->m_lock.tryLock(0)) return failed(tr("Cannot lock %1").arg(base + QStringLiteral(".lock")));
    if (!j->m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
        const QString why = tr("Cannot write %1: %2").arg(j->m_file.fileName(), j->m_file.errorString());
        j->m_lock.unlock();
        return failed(why);
    }
    QJsonObject h = opObject("session");
    h.insert(QStringLiteral("version"), kFormatVersion);
    h.insert(QStringLiteral("pid"), pid);
    h.insert(QStringLiteral("start"), qint64(startTime.ms()));
    h.insert(QStringLiteral("created"), created);
    std::lock_guard lk(j->m_mutex);
    j->write(h, true);
    if (!j->m_error.isEmpty()) {
        const QString why = j->m_error;
        j->m_file.close();
        j->m_file.remove();
        j->m_lock.unlock();
        return failed(why);
    }
    return j;
}

SessionJournal::~SessionJournal()
{
    // The clean end: nothing to restore.
    std::lock_guard lk(m_mutex);
    if (m_file.isOpen()) {
        m_file.close();
        m_file.remove();
    }
    m_lock.unlock();
}

QString SessionJournal::errorString() const
{
    std::lock_guard lk(m_mutex);
    return m_error;
}

void SessionJournal::fail(const QString &what)
{
    // Caller holds m_mutex. Reported once; the session goes on without a complete journal.
    if (!m_error.isEmpty()) return;
    m_error = what;
    qWarning("dstreamlab: %s", qPrintable(what));
}

void SessionJournal::syncToDisk()
{
    // Caller holds m_mutex.
    const int fd = m_file.handle();
    if (fd < 0) return;
#if defined(Q_OS_WIN)
    const bool ok = ::_commit(fd) == 0;
#elif defined(Q_OS_LINUX)
    const bool ok = ::fdatasync(fd) == 0;
#else
    const bool ok = ::fsync(fd) == 0;
#endif
    if (!ok) fail(tr("Cannot sync %1 to disk").arg(m_file.fileName()));
}

void SessionJournal::write(const QJsonObject &o, bool sync)
{
    // Caller holds m_mutex. One write call per line: a kill leaves at most the last line torn.
    if (!m_file.isOpen()) return;
    QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    line += '\n';
    if (m_file.write(line) != line.size()) {
        fail(tr("Cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return;
    }
    if (!sync) return;
    if (m_batchDepth > 0) m_syncOwed = true;
    else syncToDisk();
}

void SessionJournal::writePendingAdvance()
{
    // Caller holds m_mutex.
    if (!m_pendingAdvance) return;
    QJsonObject o = opObject("auto-advance");
    o.insert(QStringLiteral("t"), qint64(m_pendingAdvance->ms()));
    m_pendingAdvance.reset();
    m_lastAdvanceWrite = std::chrono::steady_clock::now();
    write(o, false);
}

void SessionJournal::flush()
{
    std::lock_guard lk(m_mutex);
    writePendingAdvance();
}

void SessionJournal::recordProgram(const QString &fileName, const QString &source)
{
    std::lock_guard lk(m_mutex);
    if (m_lastProgram && m_lastProgram->first == fileName && m_lastProgram->second == source) return;
    m_lastProgram.emplace(fileName, source);
    writePendingAdvance();
    QJsonObject o = opObject("program");
    o.insert(QStringLiteral("file"), fileName);
    o.insert(QStringLiteral("source"), source);
    write(o, true);
}

void SessionJournal::recordOptions(const RunOptions &options)
{
    std::lock_guard lk(m_mutex);
    if (m_lastOptions == options) return;
    m_lastOptions = options;
    writePendingAdvance();
    QJsonObject o = opObject("options");
    o.insert(QStringLiteral("master"), options.master);
    if (options.batchIntervalMs) o.insert(QStringLiteral("batch"), *options.batchIntervalMs);
    if (options.blockIntervalMs) o.insert(QStringLiteral("block"), *options.blockIntervalMs);
    if (!options.kafkaPartitions.empty()) {
        QJsonObject partitions;
        for (const auto &[topic, n] : options.kafkaPartitions) partitions.insert(topic, n);
        o.insert(QStringLiteral("kafkaPartitions"), partitions);
    }
    if (!options.kafkaRetentionMs.empty()) {
        QJsonObject retention;
        for (const auto &[topic, ms] : options.kafkaRetentionMs) retention.insert(topic, ms);
        o.insert(QStringLiteral("kafkaRetentionMs"), retention);
    }
    write(o, true);
}

void SessionJournal::recordStartTime(SimTime start)
{
    std::lock_guard lk(m_mutex);
    writePendingAdvance();
    QJsonObject o = opObject("start");
    o.insert(QStringLiteral("t"), qint64(start.ms()));
    write(o, true);
}

void SessionJournal::onScriptAdded(const std::vector<std::pair<SimTime, std::string>> &lines, int port)
{
    QJsonArray times, texts;
    for (const auto &[t, text] : lines) {
        times.append(qint64(t.ms()));
        texts.append(textValue(text));
    }
    QJsonObject o = opObject("script");
    o.insert(QStringLiteral("port"), port);
    o.insert(QStringLiteral("t"), times);
    o.insert(QStringLiteral("text"), texts);
    std::lock_guard lk(m_mutex);
    writePendingAdvance();
    write(o, true);
}

void SessionJournal::onTyped(const InputRecord &r)
{
    if (r.kind == InputRecord::Kind::Server) {
        // What a real server did (RealServerEvent, a script's `@server` line): its state's name as
        // the input script writes it, and the reason when there is one.
        QJsonObject o = opObject("server");
        o.insert(QStringLiteral("t"), qint64(r.time.ms()));
        o.insert(QStringLiteral("port"), r.port);
        o.insert(QStringLiteral("event"), QLatin1String(serverEventName(r.server)));
        if (!r.text.empty()) o.insert(QStringLiteral("why"), textValue(r.text));
        std::lock_guard lk(m_mutex);
        writePendingAdvance();
        write(o, true);
        return;
    }
    // A typed socket line (the nc panel's), a dropped file (its directory and name apart, as the
    // DropFile command gave them), or a message produced to a Kafka topic (its key: null or text).
    const bool kafka = r.kind == InputRecord::Kind::KafkaMessage;
    QJsonObject o = opObject(r.kind == InputRecord::Kind::File ? "file" : kafka ? "kafka" : "typed");
    o.insert(QStringLiteral("t"), qint64(r.time.ms()));
    if (kafka) {
        o.insert(QStringLiteral("topic"), textValue(r.path));
        o.insert(QStringLiteral("key"), r.key ? textValue(*r.key) : QJsonValue(QJsonValue::Null));
    } else if (r.kind == InputRecord::Kind::File) {
        const std::filesystem::path p(r.path);
        o.insert(QStringLiteral("dir"), textValue(p.parent_path().string()));
        o.insert(QStringLiteral("name"), textValue(p.filename().string()));
    } else {
        o.insert(QStringLiteral("port"), r.port);
        // A line from the class port or a real server: its source (absent for the nc panel's,
        // so journals without it read as before).
        if (r.source) o.insert(QStringLiteral("source"), textValue(*r.source));
    }
    o.insert(QStringLiteral("text"), textValue(r.text));
    std::lock_guard lk(m_mutex);
    writePendingAdvance();
    write(o, true);
}

void SessionJournal::onAutoStarted(const AutoTyperSpec &spec, SimTime t0, int port)
{
    QJsonObject o = opObject("auto-start");
    o.insert(QStringLiteral("t"), qint64(t0.ms()));
    o.insert(QStringLiteral("port"), port);
    o.insert(QStringLiteral("sample"), sampleName(spec.sample));
    o.insert(QStringLiteral("rate"), spec.linesPerSecond);
    o.insert(QStringLiteral("seed"), QString::number(spec.seed));
    if (spec.isKafka()) { // the auto-producer (absent: socket lines, as journals before it wrote)
        o.insert(QStringLiteral("topic"), textValue(spec.topic));
        o.insert(QStringLiteral("partitions"), spec.partitions);
        o.insert(QStringLiteral("keyed"), spec.keyed);
    }
    std::lock_guard lk(m_mutex);
    m_pendingAdvance.reset(); // the previous run was stopped first
    m_lastAdvanceWrite = std::chrono::steady_clock::now();
    write(o, true);
}

void SessionJournal::onAutoAdvanced(SimTime t)
{
    // The hot path at 2,000 lines/s: remember, and write at most every kAdvanceInterval.
    std::lock_guard lk(m_mutex);
    m_pendingAdvance = t;
    if (std::chrono::steady_clock::now() - m_lastAdvanceWrite >= kAdvanceInterval) writePendingAdvance();
}

void SessionJournal::onAutoStopped(SimTime at)
{
    QJsonObject o = opObject("auto-stop");
    o.insert(QStringLiteral("t"), qint64(at.ms()));
    std::lock_guard lk(m_mutex);
    // The stop says it all, unless it stops before lines the log already holds (a new run started
    // at an earlier time): those must reach the journal first.
    if (m_pendingAdvance && *m_pendingAdvance > at) writePendingAdvance();
    m_pendingAdvance.reset();
    write(o, true);
}

void SessionJournal::onCleared()
{
    std::lock_guard lk(m_mutex);
    m_pendingAdvance.reset();
    write(opObject("clear"), true);
}

SessionJournal::Batch::Batch(SessionJournal *journal) : m_journal(journal)
{
    std::lock_guard lk(m_journal->m_mutex);
    ++m_journal->m_batchDepth;
}

SessionJournal::Batch::~Batch()
{
    std::lock_guard lk(m_journal->m_mutex);
    if (--m_journal->m_batchDepth > 0 || !m_journal->m_syncOwed) return;
    m_journal->m_syncOwed = false;
    m_journal->syncToDisk();
}

} // namespace dsl::session
