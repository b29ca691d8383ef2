// ProgramSession: the program thread, its pacing loop, replays, and snapshot delivery.
#include "programsession.h"
#include "sessionjournal.h"

#include "historyview.h"

#include "engine/faults.h"
#include "engine/python/pyruntime.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/taskscheduler.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QTimer>

#include <chrono>
#include <filesystem>

namespace dsl::session {

namespace {
constexpr auto kFrame = std::chrono::milliseconds(33);
constexpr auto kClockFrame = std::chrono::milliseconds(16);
/// How long an aborted run may take to reach the pacer before it counts as stuck in its own code.
constexpr int kStuckAbortGraceMs = 1500;
bool g_sessionExists = false;

std::string lastTraceback(const std::string &err)
{
    const auto at = err.rfind("Traceback (most recent call last)");
    if (at != std::string::npos) return err.substr(at);
    return err;
}
} // namespace

ProgramSession::ProgramSession(Config config, QObject *parent)
    : RunDriver(parent), m_config(std::move(config)), m_startTime(m_config.startTime)
{
    if (g_sessionExists) throw std::logic_error("only one ProgramSession per process (CPython initializes once)");
    g_sessionExists = true;
    qRegisterMetaType<RunSnapshotPtr>();
    m_ownFolder = std::make_unique<QTemporaryDir>();
    if (m_ownFolder->isValid()) m_ownWorkRoot = m_ownFolder->filePath(QStringLiteral("session")).toStdString();
    m_pacer.resetClock(m_config.startTime);
    m_worker = python::ProgramThread(python::PythonRuntime::kProgramStackBytes, [this] { workerMain(); });
}

ProgramSession::~ProgramSession()
{
    std::unique_lock lk(m_mutex);
    m_quit = true;
    m_abort = true;
    m_cv.notify_all();
    // A program stuck in Python code that never waits never reaches the pacer: interrupt it
    // as Ctrl-C does (PythonRuntime::interruptProgram); if even that fails, don't hang on exit.
    bool done = m_cv.wait_for(lk, std::chrono::seconds(5), [this] { return m_workerDone; });
    if (!done && m_rt) {
        m_rt->interruptProgram();
        done = m_cv.wait_for(lk, std::chrono::seconds(5), [this] { return m_workerDone; });
    }
    if (done) {
        lk.unlock();
        m_worker.join();
    } else {
        lk.unlock();
        m_worker.detach();
    }
}

// ---- commands (GUI thread) -------------------------------------------------------------------

void ProgramSession::execute(const SessionCommand &command)
{
    std::visit([this](const auto &c) { apply(c); }, command);
}

void ProgramSession::apply(const command::LoadProgram &c)
{
    std::lock_guard lk(m_mutex);
    m_fileName = c.fileName.toStdString();
    m_source = c.source.toStdString();
    if (m_journal) m_journal->recordProgram(c.fileName, c.source);
    forgetRestartedDrivers(false);
    m_takeWorkBase = false; // a new program is a new driver: no files of an earlier one
    m_clearWorkBase = true;
    m_dbImage.reset(); // ... and its database is as the last run left it
    abortTo(false);
}

void ProgramSession::apply(const command::SetStartTime &c)
{
    std::lock_guard lk(m_mutex);
    const SimTime t(c.simTimeMs);
    if (t == m_startTime) return;
    std::optional<SessionJournal::Batch> batch; // one sync for the start and the cleared log
    if (m_journal) batch.emplace(m_journal);
    forgetRestartedDrivers(true, false);
    m_startTime = t;
    if (m_journal) m_journal->recordStartTime(t);
    abortTo(false); // back to "not started" at the new clock, with no input of the old one
    m_pendingLines.clear();
    m_pendingDrops.clear();
    m_pendingFaults.clear();
    m_log.clear();
    m_followPorts.clear(); // the old log's servers are gone with it
    m_inputReloaded = true;
    m_cv.notify_all();
}

QString ProgramSession::programFileName() const
{
    std::lock_guard lk(m_mutex);
    return QString::fromStdString(m_fileName);
}

QString ProgramSession::programSource() const
{
    std::lock_guard lk(m_mutex);
    return QString::fromStdString(m_source);
}

void ProgramSession::apply(const command::SetOptions &c)
{
    std::lock_guard lk(m_mutex);
    if (c.options == m_options) return;
    m_options = c.options;
    if (m_journal) m_journal->recordOptions(m_options);
    forgetRestartedDrivers(true);
    abortTo(false);
}

SyntaxCheck ProgramSession::checkSyntax(const QString &source) const
{
    const QString name = QFileInfo(programFileName()).fileName(); // the mutex, before the GIL
    return checkPythonSyntax(source, name);
}

RunOptions ProgramSession::options() const
{
    std::lock_guard lk(m_mutex);
    return m_options;
}

void ProgramSession::requestStart()
{
    // A pending reset (the run is being aborted) starts afresh too.
    if (m_resetRequested || (!m_running && m_phase == RunPhase::NotStarted)) m_startRequested = true;
    m_cv.notify_all();
}

void ProgramSession::pacedCommand(const std::function<void(RunPacer &)> &change)
{
    // Every command that lets simulated time pass: back to the run's head, then the pacer.
    leaveHistory();
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target first
    change(m_pacer);
    requestStart();
}

void ProgramSession::apply(const command::Run &c)
{
    pacedCommand([speed = c.speed](RunPacer &p) { p.run(speed); });
}

void ProgramSession::apply(const command::SetSpeed &c)
{
    std::lock_guard lk(m_mutex);
    m_pacer.setSpeed(c.speed);
    m_cv.notify_all();
}

void ProgramSession::apply(const command::Pause &)
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target by itself
    m_pacer.pause();
    m_cv.notify_all();
}

void ProgramSession::apply(const command::StepEvent &)
{
    pacedCommand([](RunPacer &p) { p.stepEvent(); });
}

void ProgramSession::apply(const command::StepBatch &)
{
    // Browsing: forward through the history first; past its newest batch the run goes on.
    if (m_cursor && m_head) {
        m_cursor = nextCompletedBatch(*m_head, *m_cursor);
        show();
        return;
    }
    pacedCommand([](RunPacer &p) { p.stepBatch(); });
}

void ProgramSession::apply(const command::RunUntilBatch &c)
{
    pacedCommand([n = c.completedBatches](RunPacer &p) { p.runUntilBatch(n); });
}

void ProgramSession::apply(const command::RunUntilTime &c)
{
    pacedCommand([t = SimTime(c.simTimeMs)](RunPacer &p) { p.runUntilTime(t); });
}

void ProgramSession::apply(const command::SetPinnedBatch &c)
{
    std::lock_guard lk(m_mutex);
    m_pinnedBatch = c.batchTimeMs ? std::optional<SimTime>(SimTime(*c.batchTimeMs)) : std::nullopt;
}

void ProgramSession::apply(const command::StepBack &)
{
    // Browses the history: nothing runs again, the run itself pauses where it is.
    if (!m_head || m_head->phase == RunPhase::NotStarted || m_head->phase == RunPhase::Replaying) return;
    {
        std::lock_guard lk(m_mutex);
        if (m_replaying) return;
        m_pacer.pause();
        m_cv.notify_all();
    }
    const auto previous = previousCompletedBatch(*m_head, m_cursor);
    if (!previous) return;
    m_cursor = previous;
    show();
}

void ProgramSession::apply(const command::FollowLatest &)
{
    leaveHistory();
}

void ProgramSession::leaveHistory()
{
    if (!m_cursor) return;
    m_cursor.reset();
    show();
}

void ProgramSession::apply(const command::CancelReplay &)
{
    // The replay stops where it is (paused there): the old run was already released.
    std::lock_guard lk(m_mutex);
    if (!m_replaying) return;
    m_pacer.pause();
    m_cv.notify_all();
}

void ProgramSession::replayToCursor()
{
    // Caller holds m_mutex. A change of the past: run the program again from its input log to
    // the batch the history was browsed at (in the background, with progress), then pause.
    const int target = m_delivered ? m_delivered->completedBatches : 0;
    m_cursor.reset();
    m_replayTarget = target;
    m_pacer.runUntilBatch(target);
    abortTo(true);
}

void ProgramSession::apply(const command::Reset &)
{
    m_cursor.reset();
    std::lock_guard lk(m_mutex);
    forgetRestartedDrivers(true);
    abortTo(false);
}

void ProgramSession::abortTo(bool restart)
{
    // Caller holds m_mutex.
    m_startRequested = false;
    if (restart) {
        m_restart = true;
        m_resetRequested = false;
    } else {
        m_restart = false;
        m_resetRequested = true;
        m_pacer.pause();
        // A restart from the log ends the auto-typer where it was: its lines so far stay.
        m_pendingAutoStart.reset();
        m_pendingAutoStop = true;
    }
    if (m_running) {
        m_abort = true;
        // A program stuck in its own top-level loop never waits, so it never reaches the pacer
        // that would end it: if it has not unwound after a moment, interrupt it as Ctrl-C does.
        // (Queued: abortTo may be called with the lock held, from any thread.)
        const std::uint64_t run = m_runSerial;
        QMetaObject::invokeMethod(
            this, [this, run] { QTimer::singleShot(kStuckAbortGraceMs, this, [this, run] { interruptIfStuck(run); }); },
            Qt::QueuedConnection);
    } else if (restart) {
        // The program already returned: replay straight away.
        m_restart = false;
        m_replaying = true;
        m_startRequested = true;
    }
    m_cv.notify_all();
}

void ProgramSession::interruptIfStuck(std::uint64_t run)
{
    std::lock_guard lk(m_mutex);
    if (m_running && m_abort && m_runSerial == run && m_rt) m_rt->interruptProgram();
}

// ---- delivery ----------------------------------------------------------------------------------

void ProgramSession::queueDelivery()
{
    // Caller holds m_mutex. One queued call at a time: the GUI always gets the newest values.
    if (m_deliveryQueued) return;
    m_deliveryQueued = true;
    // By name, not with a lambda: a lambda's slot object is written here on the worker and read on
    // the GUI thread, ordered only by Qt's own (uninstrumented) locks, which ThreadSanitizer
    // cannot see; this way Qt alone allocates and reads the call, and deliver() takes m_mutex
    // (docs/fuzzing.md, "ThreadSanitizer").
    QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

void ProgramSession::deliver()
{
    RunSnapshotPtr snap;
    std::optional<qint64> clock;
    std::optional<std::pair<int, int>> progress;
    {
        std::lock_guard lk(m_mutex);
        snap = std::move(m_pending);
        m_pending.reset();
        clock = m_pendingClock;
        m_pendingClock.reset();
        progress = m_pendingProgress;
        m_pendingProgress.reset();
        m_deliveryQueued = false;
    }
    if (progress) emit replayProgress(progress->first, progress->second);
    if (snap) {
        m_head = snap;
        m_views = 0;
        show();
    }
    if (clock && !m_cursor) emit clockAdvanced(*clock);
}

void ProgramSession::show()
{
    RunSnapshotPtr s = m_head;
    // The history was replaced (a new run) or no longer holds the batch: back to the head.
    if (m_cursor && (!m_head || !m_head->batch(*m_cursor))) m_cursor.reset();
    // Every value shown gets a new serial: the head's plus the views derived from it so far.
    const auto view = static_cast<std::uint16_t>(std::min<std::uint32_t>(++m_views, 65535));
    if (m_cursor) {
        s = historyAt(m_head, *m_cursor, view);
    } else if (m_head && view > 1) {
        auto again = std::make_shared<RunSnapshot>(*m_head); // back at the head after browsing
        again->serial = m_head->serial + view;
        s = std::move(again);
    }
    if (!s) return;
    m_delivered = s;
    emit snapshotReady(s);
    if (m_cursor) emit clockAdvanced(s->clock.ms());
}

void ProgramSession::publish(bool force)
{
    // Worker, m_mutex held.
    const auto wall = RunPacer::WallClock::now();
    if (m_replaying) {
        // The views keep the picture they have; only the progress moves.
        if (!force && wall - m_lastPublish < kFrame) return;
        m_lastPublish = wall;
        m_pendingProgress = std::make_pair(m_completed, m_replayTarget);
        queueDelivery();
        return;
    }
    if (!force && (!m_builder->dirty() || wall - m_lastPublish < kFrame)) return;
    m_lastPublish = wall;
    m_lastPublishedPhase = m_phase;
    if (m_audit && m_audit->version() != m_auditShown) {
        m_auditShown = m_audit->version();
        m_builder->setRecovery(std::make_shared<const RecoveryReport>(m_audit->report()));
    }
    m_pending = m_builder->snapshot(m_phase, m_startTime, m_pacer.clock());
    m_lastClock = m_pending->clock.ms();
    m_pendingClock = m_lastClock;
    queueDelivery();
}

void ProgramSession::postClock()
{
    // Worker, m_mutex held.
    if (m_replaying) return;
    const qint64 c = m_pacer.clock().ms();
    if (c == m_lastClock) return;
    // At most one clock tick a display frame: a run going as fast as possible would otherwise
    // have the window repaint the timeline for every event (a resting clock comes with the
    // snapshot publish() forces).
    const auto wall = RunPacer::WallClock::now();
    if (wall - m_lastClockPost < kClockFrame) return;
    m_lastClockPost = wall;
    m_lastClock = c;
    m_pendingClock = c;
    queueDelivery();
}

// ---- the program thread ------------------------------------------------------------------------

bool ProgramSession::allow(SimTime upTo)
{
    m_builder->update(); // GIL held: may recompute records of a completed batch
    std::unique_lock lk(m_mutex);
    m_builderSeen = m_rt->simulation().inputLog().size();
    m_builder->setPinned(m_pinnedBatch); // for the next update()
    const int completed = m_builder->completedBatches();
    m_atBoundary = completed > m_lastPaceCompleted;
    m_lastPaceCompleted = completed;
    m_completed = completed;
    Simulation &sim = m_rt->simulation();
    for (;;) {
        applyLines(lk, true);
        if (m_abort || m_quit) return false;
        RunPacer::RunState st{sim.now(), completed, m_builder->firstBatchTime(), m_builder->batchInterval()};
        if (StreamingContext *ssc = StreamingContext::getActive(sim))
            st.canProcess = ssc->sparkContext().taskScheduler().coresForTasks() > 0;
        const auto wall = RunPacer::WallClock::now();
        const RunPacer::Decision d = m_pacer.decide(upTo, st, wall);
        if (m_replaying && m_pacer.isPaused()) m_replaying = false;
        m_phase = m_replaying ? RunPhase::Replaying : m_pacer.isPaused() ? RunPhase::Paused : RunPhase::Running;
        if (d.allow) {
            feed(std::max(upTo, m_pacer.clock()));
            publish(false);
            postClock();
            m_restPublished = false;
            return true;
        }
        feed(m_pacer.clock()); // lines appear as the displayed clock reaches them
        // Coming to rest always publishes, so every step (even one that changed nothing
        // visible) ends in a fresh snapshot: whoever stepped can tell the step is over.
        // (Waiting for wall time in a real-time run is not a rest.)
        const bool resting = m_pacer.isPaused();
        publish((resting && !m_restPublished) || m_phase != m_lastPublishedPhase || m_builder->dirty());
        if (resting) m_restPublished = true;
        postClock();
        std::optional<RunPacer::WallClock::time_point> until;
        if (d.wakeAt) until = std::min(*d.wakeAt, wall + kFrame);
        else if (m_journal) m_journal->flush(); // resting: the auto-typer's last progress too
        m_rt->withoutGil([&] {
            if (until) m_cv.wait_until(lk, *until);
            else m_cv.wait(lk);
        });
    }
}

void ProgramSession::runOnce(std::unique_lock<std::mutex> &lk)
{
    // Worker, m_mutex held on entry and exit; released while Python runs.
    m_startRequested = false;
    m_resetRequested = false; // a start supersedes a pending reset
    m_abort = false;
    python::RunSettings settings;
    settings.sim.startTime = m_startTime;
    settings.sim.seed = m_config.seed;
    settings.taskTimeoutMs = m_config.taskTimeoutMs;
    settings.memoryLimitMb = m_config.memoryLimitMb;
    settings.pythonPackageDir = m_config.pythonPackageDir;
    settings.finishWhenInputDone = false; // the teacher may type more at any time
    if (!m_options.master.isEmpty()) settings.master = m_options.master.toStdString();
    if (m_options.batchIntervalMs) settings.batchDuration = Duration(*m_options.batchIntervalMs);
    if (m_options.blockIntervalMs)
        settings.confOverrides.emplace_back("spark.streaming.blockInterval", std::to_string(*m_options.blockIntervalMs) + "ms");
    // The program's pymysql.connect(...) reaches its own SQLite file (made on the first connect),
    // or the database RunOptions::database names.
    std::string dbShown, dbNote;
    std::optional<ServerDatabase> dbServer;
    const std::string dbPath = chooseDatabase(lk, settings, dbShown, dbNote, dbServer);
    const std::string source = m_source, fileName = m_fileName;
    const std::string runDir = prepareWorkingDirectory();
    // The broker's committed offsets live in the driver's folder: a restarted driver (which
    // starts from a copy of it) finds its group's commits, and every replay starts from the same.
    if (!runDir.empty()) settings.sim.kafkaCommitStore = (std::filesystem::path(runDir) / kafka::kCommitStoreFileName).string();

    m_builder->detach();
    if (m_audit) m_rt->simulation().removeObserver(m_audit.get());
    m_audit.reset();
    m_rt->reset(settings);
    Simulation &sim = m_rt->simulation();
    // A driver started after a kill-driver: its audit observes before the builder, so each
    // snapshot's RecoveryReport includes the batch it shows.
    if (m_previousDriver) {
        m_audit = std::make_unique<RecoveryAudit>(sim, *m_previousDriver, m_startTime);
        sim.addObserver(m_audit.get());
    }
    m_auditShown = 0;
    m_builder->setRecovery(nullptr);
    for (const auto &[topic, n] : m_options.kafkaPartitions) sim.kafkaAt(m_startTime).createTopic(topic.toStdString(), n);
    for (const auto &[topic, ms] : m_options.kafkaRetentionMs) sim.kafkaAt(m_startTime).setRetention(topic.toStdString(), Duration(ms));
    m_feedCursor = m_log.cursor();
    // Records before the start went to an earlier driver (RestartDriver): nobody listens to them
    // now. A Kafka message stays in the broker, which outlives every driver: the new one's has it.
    // A driver started after a kill-driver is the exception: what nc was sent from the death on
    // waited for the next connection, so the new driver's receiver gets it.
    const std::optional<SimTime> handOver =
        m_previousDriver ? std::optional<SimTime>(m_previousDriver->killedAt) : std::nullopt;
    // A real server is where its last event before the start left it: the new driver's receiver
    // of that port finds it so (its first block reads that record).
    std::map<int, InputRecord> serverBefore;
    for (InputRecord before; m_feedCursor.next(m_startTime - Duration(1), before);) {
        if (before.kind == InputRecord::Kind::KafkaMessage || (handOver && before.time >= *handOver))
            sim.inputLog().append(std::move(before));
        else if (before.kind == InputRecord::Kind::Server)
            serverBefore[before.port] = std::move(before);
    }
    for (auto &[port, r] : serverBefore) sim.inputLog().append(std::move(r));
    m_builderSeen = 0;
    m_canDiscardInput = false;
    sim.inputLog().listen(m_config.listenPort);
    for (const auto &[p, from] : m_listenPorts) sim.inputLog().listen(p, from);
    sim.inputLog().setListenAll(m_listenAll);
    for (const auto &[p, from] : m_followPorts) sim.inputLog().followServer(p, from);
    for (const auto &[atMs, action] : m_options.faults) {
        Fault fault;
        std::string error; // validated when the lesson was read
        if (atMs < m_startTime.ms() || !parseFaultAction(action.toStdString(), "fault", fault, error)) continue;
        setFaultTime(fault, SimTime(atMs));
        sim.addFault(std::move(fault));
    }
    m_builder->setRunId(++m_runIds);
    m_builder->attach(&sim, m_preview);
    prepareDatabase(dbPath, dbShown, dbServer);
    if (!dbNote.empty()) m_builder->appendStderr(dbNote);
    m_pacer.resetClock(m_startTime);
    m_lastPaceCompleted = 0;
    m_completed = 0;
    m_atBoundary = false;
    m_runStderr.clear();
    m_running = true;
    ++m_runSerial;
    m_phase = m_replaying ? RunPhase::Replaying : RunPhase::Running;
    publish(true);

    lk.unlock();
    std::error_code ec;
    const std::filesystem::path appDir = std::filesystem::current_path(ec);
    if (!runDir.empty()) std::filesystem::current_path(runDir, ec);
    const auto status = m_rt->runSource(source, fileName, {});
    if (!runDir.empty()) std::filesystem::current_path(appDir, ec);
    m_builder->update();
    lk.lock();

    m_running = false;
    applyLines(lk, false);
    if (status == python::RunStatus::Raised) {
        const std::string tb = lastTraceback(m_runStderr);
        m_builder->setError(tb, errorLineOf(tb, fileName));
    }
    m_phase = status == python::RunStatus::Raised ? RunPhase::Failed : RunPhase::Finished;
    if (m_restart) {
        m_restart = false;
        m_replaying = true;
        m_startRequested = true;
        return;
    }
    m_replaying = false;
    if (m_resetRequested) return; // the idle loop shows the fresh state
    if (restartKilledDriver(status == python::RunStatus::Raised)) return;
    publish(true);
}

void ProgramSession::workerMain()
{
    std::unique_lock lk(m_mutex);
    m_builder = std::make_unique<SnapshotBuilder>(m_config.capture, m_config.retention);
    python::RunSettings base;
    base.sim.startTime = m_config.startTime;
    base.pythonPackageDir = m_config.pythonPackageDir;
    std::unique_ptr<python::PythonRuntime> rt;
    try {
        rt = std::make_unique<python::PythonRuntime>(base); // initializes CPython on this thread
    } catch (const std::exception &e) {
        m_builder->attach(nullptr, m_preview);
        m_builder->setError(std::string("DStream Lab could not start Python: ") + e.what(), 0);
        m_phase = RunPhase::Failed;
        publish(true);
        while (!m_quit) m_cv.wait(lk);
        m_workerDone = true;
        m_cv.notify_all();
        return;
    }
    m_rt = rt.get();
    rt->stdoutSink = [](const std::string &) {}; // program output reaches the builder as onOutput
    rt->stderrSink = [this](const std::string &s) {
        // Kept for the error's traceback (lastTraceback): the newest part only, so a program
        // writing gigabytes to stderr cannot grow it without bound.
        constexpr std::size_t kKeptStderr = 256 * 1024;
        m_runStderr += s;
        if (m_runStderr.size() > 2 * kKeptStderr) m_runStderr.erase(0, m_runStderr.size() - kKeptStderr);
        m_builder->appendStderr(s);
    };
    rt->setPacer(this); // the program's waits ask allow(); rt goes before this session does
    refreshPreview();
    m_builder->attach(nullptr, m_preview);
    publish(true);

    while (!m_quit) {
        if (m_startRequested && !m_source.empty()) {
            // What was typed, dropped or started before this start belongs to the start, however
            // soon this thread woke: the auto-typer begins at the start time either way (not one
            // ms after the program's first event, as it would if the program ran first).
            if (m_phase == RunPhase::NotStarted) applyLines(lk, false);
            runOnce(lk);
            continue;
        }
        m_startRequested = false;
        if (m_resetRequested) {
            m_resetRequested = false;
            m_builder->detach();
            applyLines(lk, false);
            refreshPreview();
            m_builder->setRunId(++m_runIds);
            m_builder->setRecovery(nullptr);
            m_builder->attach(nullptr, m_preview);
            m_phase = RunPhase::NotStarted;
            m_pacer.resetClock(m_startTime);
            m_completed = 0;
            m_atBoundary = false;
            publish(true);
            continue;
        }
        if (m_inputReloaded) {
            m_inputReloaded = false;
            refreshPreview();
            if (m_phase == RunPhase::NotStarted) m_builder->inputInserted(0);
            publish(true);
        }
        if (!m_pendingLines.empty() || !m_pendingDrops.empty() || !m_pendingFaults.empty() || m_pendingAutoStart ||
            m_pendingAutoStop) {
            applyLines(lk, false);
            publish(true);
            continue;
        }
        rt->withoutGil([&] {
            m_cv.wait(lk, [this] {
                return m_quit || m_startRequested || m_resetRequested || m_inputReloaded || !m_pendingLines.empty() ||
                       !m_pendingDrops.empty() || !m_pendingFaults.empty() || m_pendingAutoStart || m_pendingAutoStop;
            });
        });
    }
    m_builder->detach();
    m_rt = nullptr;
    lk.unlock();
    rt.reset();
    lk.lock();
    m_workerDone = true;
    m_cv.notify_all();
}

} // namespace dsl::session
