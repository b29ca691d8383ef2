// ProgramSession: runs a PySpark program on a Python thread, paced by the dashboard.
#pragma once

#include "rundriver.h"

// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "runpacer.h"
#include "sessioninputlog.h"
#include "snapshotbuilder.h"
#include "serverdatabaseprobe.h"

#include "engine/inputlog.h"
#include "engine/inputscript.h"
#include "engine/recoveryaudit.h"
#include "engine/runloop.h"

#include "app/localmariadb.h"
#include "engine/python/memorylimit.h"
#include "engine/python/programthread.h"
#endif

#include <QTemporaryDir>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace dsl::python {
class PythonRuntime;
struct RunSettings;
}

namespace dsl::session {

class SessionJournal;
struct RecoveredSession;

/// The dashboard's RunDriver. One per process: its worker thread initializes CPython and
/// owns the PythonRuntime for the session's lifetime (CPython initializes once), running the
/// program there while awaitTermination/time.sleep advance the Simulation only as far as the
/// RunPacer allows. Commands are thread-safe and asynchronous; the GUI receives immutable
/// snapshots (coalesced: a slow GUI skips intermediate ones, never lags behind). Step back
/// browses the history; a change of the past replays: PythonRuntime::reset, then the program
/// again with the same input log, run as fast as possible to the target batch. Nothing typed is lost: the session keeps the input log.
/// It is also the engine's Pacer for the program's waits (PythonRuntime::setPacer): privately,
/// since only the run loop on its worker thread may ask it.
class ProgramSession : public RunDriver, private Pacer {
    Q_OBJECT
public:
    struct Config {
        SimTime startTime;              ///< the clock when a run starts (fixed for replays)
        std::uint64_t seed = 42;
        int taskTimeoutMs = 5000;
        int memoryLimitMb = python::defaultMemoryLimitMb(); ///< the program's memory limit (0: none)
        std::string pythonPackageDir;   ///< default: the bundled package
        int listenPort = 9999;          ///< the nc panel's `nc -lk PORT`
        CaptureLimits capture;               ///< what the engine records of each RDD
        HistoryRetention retention;    ///< batches kept in full, and at all
    };
    explicit ProgramSession(Config config, QObject *parent = nullptr);
    ~ProgramSession() override;

    /// Every command, on the GUI thread: one dispatch to the handlers below (apply).
    void execute(const SessionCommand &command) override;
    QString programFileName() const override;
    QString programSource() const override;
    RunOptions options() const override;
    std::size_t inputLogSize() const override;
    bool saveInputLog(const QString &path, QString *error) override;
    bool loadInputLog(const QString &path, QString *error) override;
    /// Python's compile() on the session's interpreter, on the calling thread (syntaxcheck.h):
    /// it holds the GIL for the compile only and never the session's mutex meanwhile, so it
    /// cannot deadlock with the worker (which takes the mutex, then the GIL).
    SyntaxCheck checkSyntax(const QString &source) const override;

    /// Input-script lines at start + offset (port 0: every socket, which then all listen);
    /// takes effect from the next start. Returns false while a run is going on.
    bool addInput(std::vector<std::pair<Duration, std::string>> lines, int port = 0);
    /// An input script's records: socket lines for `port` (0: every socket), and the files it
    /// drops (`@file` records), which go into the log as typed records at their times.
    bool addInputScript(std::vector<ScriptLine> lines, int port = 0);
    /// A copy of the session's input log (thread-safe).
    std::vector<InputRecord> inputLog() const;
    /// Journals every accepted change of the input log, the program and the options from now
    /// on, starting with the current program and options (nullptr: none; not owned, must
    /// outlive the session or be unset first). Attach it before any input is added.
    void setJournal(SessionJournal *journal);
    /// Replaces the program, options and input log with a recovered session's (journaled
    /// again); times move by (config start - its start). The run is "not started" with every
    /// line ready.
    void restore(const RecoveredSession &recovered);
    /// The last snapshot delivered to the GUI thread (at the cursor while browsing).
    RunSnapshotPtr latestSnapshot() const { return m_delivered; }
    /// The batch the history is browsed at (GUI thread), nullopt at the run's head.
    std::optional<SimTime> cursor() const { return m_cursor; }
    const Config &config() const { return m_config; }

private:
    // The commands (GUI thread), one handler each; a command without one does not compile.
    void apply(const command::LoadProgram &c);
    void apply(const command::SetOptions &c);
    void apply(const command::Run &c);
    void apply(const command::SetSpeed &c);
    void apply(const command::Pause &c);
    void apply(const command::StepEvent &c);
    void apply(const command::StepBatch &c);
    void apply(const command::StepBack &c);
    void apply(const command::FollowLatest &c);
    void apply(const command::CancelReplay &c);
    void apply(const command::RunUntilBatch &c);
    void apply(const command::RunUntilTime &c);
    void apply(const command::Reset &c);
    void apply(const command::SendLine &c);          // programsessioninput.cpp
    void apply(const command::StartAutoTyper &c);    // programsessioninput.cpp
    void apply(const command::StopAutoTyper &c);     // programsessioninput.cpp
    void apply(const command::SetPinnedBatch &c);
    void apply(const command::DropFile &c);          // programsessioninput.cpp
    void apply(const command::ProduceKafka &c);      // programsessioninput.cpp
    void apply(const command::InjectFault &c);       // programsessioninput.cpp
    void apply(const command::RealServerEvent &c);   // programsessioninput.cpp
    /// A dropped file or a produced message, as a typed line arrives (GUI thread, takes m_mutex).
    void addTypedRecord(InputRecord r);
    /// SendLine's record: its port (0: the nc panel's) and its source's shared name (m_mutex held).
    InputRecord lineRecord(const command::SendLine &c);
    void apply(const command::SetStartTime &c);
    void apply(const command::SetWorkingDirectory &c); // programsessionworkdir.cpp
    void apply(const command::RestartDriver &c);       // programsessionworkdir.cpp

    void workerMain();
    /// Worker, before a run: the working folder as the run starts with it (empty, or the
    /// stopped driver's files after a RestartDriver); returns the folder to run in, or empty.
    std::string prepareWorkingDirectory();
    /// SetWorkingDirectory's folder, else the session's own temporary one (m_mutex held).
    std::string workRoot() const { return m_workDir.empty() ? m_ownWorkRoot : m_workDir; }
    /// Worker, at the end of a run whose driver a kill-driver fault stopped: starts the program
    /// again as spark-submit --supervise would, cost::driverRestartMs later, in a copy of the
    /// stopped driver's folder, where StreamingContext.getOrCreate recovers it; the new run's
    /// snapshots carry a RecoveryReport. False when it does not (no checkpoint: the run ends,
    /// as Spark's would, and the log says so). m_mutex held.
    bool restartKilledDriver(bool raised);
    /// A command that changes the run's ground (Reset, options, program, folder, start time)
    /// ends the chain of restarted drivers: runs start at the first driver's start again, with
    /// its files when `restoreFiles`. m_mutex held.
    void forgetRestartedDrivers(bool restoreFiles, bool restoreStart = true);
    /// The program's SQLite file (`dstreamlab run`'s default --db); m_mutex held.
    std::string databasePath() const;
    /// Worker, before a run, m_mutex held (released while a local MariaDB starts): where the
    /// program's pymysql.connect(...) goes, from RunOptions::database, into `settings`. Returns
    /// the SQLite file the database view reads, or empty (another database: `shown` says which);
    /// `note` gets what the run's log should say (a bad choice, a server that did not start).
    std::string chooseDatabase(std::unique_lock<std::mutex> &lk, python::RunSettings &settings, std::string &shown,
                               std::string &note, std::optional<ServerDatabase> &server);
    /// Worker, after the runtime's reset: the database as the program's first run found it
    /// (programsessiondatabase.cpp), and the probe that reads it as batches complete.
    void prepareDatabase(const std::string &path, const std::string &shown, const std::optional<ServerDatabase> &server);
    /// Pacer: the program thread, GIL held, before the run loop reaches upTo. Feeds the input
    /// that has arrived, publishes snapshots and blocks (GIL released) while the RunPacer says
    /// wait; false once the run is aborted (a reset, a replay, quitting).
    bool allow(SimTime upTo) override;
    void runOnce(std::unique_lock<std::mutex> &lk);
    void applyLines(std::unique_lock<std::mutex> &lk, bool running);
    void feed(SimTime upTo);
    void refreshPreview();
    void publish(bool force);
    void postClock();
    void queueDelivery();
    Q_INVOKABLE void deliver(); ///< invoked by name: see queueDelivery
    void requestStart();
    void abortTo(bool restart);
    /// GUI thread: interrupts run `run` if it is still aborting (a program in its own loop).
    void interruptIfStuck(std::uint64_t run);

    const Config m_config;
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    python::ProgramThread m_worker; ///< with a program's stack (deep recursion must not crash the app)

    // Guarded by m_mutex (set by the GUI thread, read by the worker).
    SimTime m_startTime;             ///< the clock runs start at (SetStartTime, RestartDriver)
    std::string m_workDir;           ///< SetWorkingDirectory's folder; empty: the app's own
    bool m_clearWorkBase = false;    ///< the next run starts with an empty folder (a new driver)
    bool m_takeWorkBase = false;     ///< the next run starts with the folder as the last run left it
    /// The session's own working folder, used when no SetWorkingDirectory names one (so a
    /// relative checkpoint folder is the session's, and every run starts from the same files).
    std::unique_ptr<QTemporaryDir> m_ownFolder;
    std::string m_ownWorkRoot;
    /// A driver a kill-driver fault stopped and the session started again (restartKilledDriver):
    /// what the stopped one held, for the new one's RecoveryAudit; the first driver's start
    /// time, files (kept aside by the worker) and database image, for a Reset.
    std::optional<DriverLedger> m_previousDriver;
    std::optional<SimTime> m_originStart;
    bool m_saveOriginFiles = false;    ///< worker: keep the first driver's starting files aside
    bool m_restoreOriginFiles = false; ///< worker: put them back
    /// The program's database as its first run found it (cleared by a new program or driver).
    struct DatabaseImage {
        std::string path;
        std::optional<std::string> content; ///< none: there was no file (or tooLarge)
        bool tooLarge = false;
    };
    std::optional<DatabaseImage> m_dbImage;
    std::optional<DatabaseImage> m_originDbImage; ///< the first driver's, while later ones run
    /// `local-mariadb`: the private server, started by the first run that asks, stopped (by its
    /// pid) with the session.
    std::unique_ptr<app::LocalMariaDb> m_mariadb;
    std::string m_fileName = "program.py";
    std::string m_source;
    RunOptions m_options;
    RunPacer m_pacer;
    /// SendLine's lines (SocketLine records) and RealServerEvent's Server records, in the order
    /// sent; their time is set when applied.
    std::deque<InputRecord> m_pendingLines;
    /// The sources lines came from (SendLine::source), one shared string each.
    std::map<std::string, std::shared_ptr<const std::string>> m_sourceNames;
    std::deque<InputRecord> m_pendingDrops; ///< File records; their time is set when applied
    std::deque<std::string> m_pendingFaults; ///< InjectFault actions; their time is set when applied
    std::optional<AutoTyperSpec> m_pendingAutoStart;
    bool m_pendingAutoStop = false;
    std::optional<SimTime> m_pinnedBatch;       ///< the selected batch keeps its records
    SessionInputLog m_log;           ///< the session's input log: source of truth for replays
    SessionJournal *m_journal = nullptr; ///< told of every change of m_log, program and options
    InputLog m_preview;              ///< its first lines, shown before a run starts
    bool m_listenAll = false;
    /// Ports besides the nc panel's where the simulated `nc -lk` listens (a real server's lines),
    /// from the time of their first line: live and in every replay, so that their receiver
    /// connects at the same 2-second retry.
    std::map<int, SimTime> m_listenPorts;
    void listenFrom(int port, SimTime from);
    /// Ports (0: every port) whose receiver follows a real server (RealServerEvent, a script's
    /// `@server` lines), from the time of the port's first Server record: live and in every
    /// replay (InputLog::followServer(port, from)). Cleared with the log.
    std::map<int, SimTime> m_followPorts;
    void followFrom(int port, SimTime from);
    bool m_startRequested = false;
    bool m_abort = false;
    bool m_restart = false;          ///< after the abort, replay (m_pacer holds the target)
    bool m_resetRequested = false;
    bool m_inputReloaded = false;
    bool m_quit = false;
    bool m_workerDone = false;
    // Worker state shared with the GUI thread.
    bool m_running = false;
    std::uint64_t m_runSerial = 0;   ///< bumped by every run, so a late interrupt never hits the next
    bool m_replaying = false;
    int m_replayTarget = 0;          ///< batches a replay runs to (its progress bar's end)
    RunPhase m_phase = RunPhase::NotStarted;
    int m_completed = 0;
    bool m_atBoundary = false;
    // Delivery slot.
    RunSnapshotPtr m_pending;
    std::optional<qint64> m_pendingClock;
    std::optional<std::pair<int, int>> m_pendingProgress; ///< replay: batches done, target
    bool m_deliveryQueued = false;

    // Worker thread only.
    python::PythonRuntime *m_rt = nullptr;
    std::unique_ptr<RecoveryAudit> m_audit; ///< on a restarted driver's run
    std::uint64_t m_auditShown = 0;         ///< m_audit->version() in the builder
    std::unique_ptr<SnapshotBuilder> m_builder;
    int m_lastPaceCompleted = 0;
    std::uint64_t m_runIds = 0;           ///< RunSnapshot::runId of the builder's run
    SessionInputLog::Cursor m_feedCursor; ///< next m_log record for the engine's input log
    std::size_t m_builderSeen = 0;        ///< engine input-log size at the builder's last update
    bool m_canDiscardInput = false;       ///< every reader of the engine's log is a receiver
    std::string m_runStderr;
    RunPacer::WallClock::time_point m_lastPublish{};
    RunPacer::WallClock::time_point m_lastClockPost{};
    RunPhase m_lastPublishedPhase = RunPhase::NotStarted;
    bool m_restPublished = false; ///< the snapshot of the current rest is out
    qint64 m_lastClock = -1;

    // GUI thread only.
    /// Shows the head snapshot, or the history at m_cursor.
    void show();
    /// Browsing: a change of the past (input typed at a rewound cursor) replays to the cursor.
    void replayToCursor();
    /// Back to the run's head (run, step or follow commands).
    void leaveHistory();
    /// A command that lets simulated time pass (run, step, run until): leaves the history,
    /// is refused during a replay, applies `change` to the pacer and starts the run if needed.
    void pacedCommand(const std::function<void(RunPacer &)> &change);
    RunSnapshotPtr m_head;      ///< the newest snapshot of the run
    RunSnapshotPtr m_delivered; ///< what the views were last given
    std::optional<SimTime> m_cursor;
    std::uint32_t m_views = 0; ///< values shown of m_head so far (their serials)
};

} // namespace dsl::session
