// SessionJournal: the session's input log, program and options appended to disk as they change, so that a killed session can be restored.
#pragma once

#include "rundriver.h"
#include "sessioninputlog.h"

#include <QCoreApplication>
#include <QFile>
#include <QLockFile>
#include <QString>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QJsonObject;

namespace dsl::session {

/// One accepted change of a SessionInputLog, as a journal holds it (times are absolute, as the
/// log holds them).
struct JournalOp {
    enum class Kind { Script, Typed, AutoStart, AutoAdvance, AutoStop, Clear, File, Kafka, Server };
    Kind kind = Kind::Typed;
    SimTime time;     ///< Typed, File, Server: arrival; AutoStart: line 0's arrival; AutoAdvance, AutoStop: up to
    int port = 0;     ///< Script, Typed, AutoStart, Server
    std::string text; ///< Typed: the socket line; File: the file's content; Server: why (Reset's reason)
    std::string directory, name; ///< File: where it was dropped (InputRecord::path is directory/name)
    std::string topic;                 ///< Kafka: the topic (text: the value)
    std::optional<std::string> key;    ///< Kafka: the key, nullopt for a null key
    std::string source; ///< Typed: who sent the line (InputRecord::source), empty for the nc panel
    std::vector<std::pair<SimTime, std::string>> lines; ///< Script, sorted by time
    AutoTyperSpec spec; ///< AutoStart
    ServerEvent server = ServerEvent::Connecting; ///< Server: what the real server on `port` did
    bool operator==(const JournalOp &) const = default;
};

/// What a journal holds: the session of a process that ended without closing it.
struct RecoveredSession {
    QString path;                 ///< the journal file
    qint64 pid = 0;               ///< the process that wrote it
    SimTime startTime;            ///< its run's start (the log's times count from it)
    std::optional<QString> programFileName; ///< the last program loaded, if any
    QString programSource;
    std::optional<RunOptions> options;      ///< the last options set, if any
    std::vector<JournalOp> ops;   ///< input-log changes in the order they were accepted
    QString error;                ///< the first bad line ("FILE:LINE: why"); ops stop before it
    bool tornTail = false;        ///< the last line was cut short (killed mid-write) and is ignored

    bool isEmpty() const { return !programFileName && !options && ops.empty(); }
    /// Replays the ops into `log` with every time moved by `shift`: what follows the last
    /// clear, in order; an auto-typer run still open at the end stops where it was last seen
    /// (its last AutoAdvance; none: it keeps no line).
    void replay(SessionInputLog &log, Duration shift = Duration(0)) const;
    /// Input records the log holds after replay() (script, typed and auto-typed lines, files).
    std::size_t inputLines() const;
};

/// This process's journal: a JSON Lines file `session-PID-MS.journal` in the data folder, one
/// object per accepted change, written and synced to disk before the change returns (an
/// auto-typer run costs two lines, its start and stop, at any rate, plus at most four progress
/// marks a second that are written without a sync). Beside it `session-PID-MS.lock` (a
/// QLockFile) is held while the process lives. Destroying the journal is the clean end: both
/// files go. A journal whose lock holder is gone is a session that was killed: recover() reads
/// it back. Thread-safe; not copyable.
class SessionJournal final : public InputLogObserver {
    Q_DECLARE_TR_FUNCTIONS(SessionJournal)
public:
    /// $DSTREAMLAB_DATA_DIR if set, else the app's data folder (QStandardPaths::AppDataLocation).
    static QString defaultDir();
    /// Starts this process's journal in `dir` (created if needed): takes its lock and writes
    /// the header. nullptr and a message on error.
    static std::unique_ptr<SessionJournal> create(const QString &dir, SimTime startTime, QString *error = nullptr);
    ~SessionJournal() override;
    SessionJournal(const SessionJournal &) = delete;
    SessionJournal &operator=(const SessionJournal &) = delete;

    QString path() const { return m_file.fileName(); }
    /// The first write error (empty: none). The journal keeps trying; nothing throws.
    QString errorString() const;

    /// The session's context; a value equal to the last one recorded is not written again.
    void recordProgram(const QString &fileName, const QString &source);
    void recordOptions(const RunOptions &options);
    /// The session's runs start at another clock (ProgramSession's SetStartTime): the records
    /// that follow count from it.
    void recordStartTime(SimTime start);
    /// Writes a pending auto-typer progress mark now (the run is resting).
    void flush();

    void onScriptAdded(const std::vector<std::pair<SimTime, std::string>> &lines, int port) override;
    void onTyped(const InputRecord &r) override;
    void onAutoStarted(const AutoTyperSpec &spec, SimTime t0, int port) override;
    void onAutoAdvanced(SimTime t) override;
    void onAutoStopped(SimTime at) override;
    void onCleared() override;

    /// Writes made while a Batch lives are synced once, at its end (replaying a whole session).
    class Batch {
    public:
        explicit Batch(SessionJournal *journal);
        ~Batch();
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;
    private:
        SessionJournal *m_journal;
    };

    /// The most recently written journal in `dir` whose process is gone (nullopt: none). Journals
    /// of live processes are left alone; those of dead ones holding nothing are removed.
    static std::optional<RecoveredSession> recover(const QString &dir);
    /// Reads a journal file, whoever writes it (a torn last line is ignored; a bad line ends
    /// the reading with `error` naming the file and line).
    static RecoveredSession read(const QString &path);
    /// Removes a recovered journal (restored into a new session, or declined); one that could
    /// not be read completely is kept aside as PATH.bad instead.
    static bool discard(const RecoveredSession &session);

private:
    SessionJournal(const QString &journalPath, const QString &lockPath);
    void write(const QJsonObject &o, bool sync);
    void writePendingAdvance();
    void syncToDisk();
    void fail(const QString &what);

    mutable std::mutex m_mutex;
    QFile m_file;
    QLockFile m_lock;
    QString m_error;
    int m_batchDepth = 0;
    bool m_syncOwed = false;
    std::optional<std::pair<QString, QString>> m_lastProgram;
    std::optional<RunOptions> m_lastOptions;
    std::optional<SimTime> m_pendingAdvance;
    std::chrono::steady_clock::time_point m_lastAdvanceWrite{};
};

} // namespace dsl::session
