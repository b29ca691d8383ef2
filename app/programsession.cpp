// ProgramSession: the program thread, its pacing loop, replays, and snapshot delivery.
#include "programsession.h"

#include "inputscript.h"

#include "engine/inputdstreams.h"
#include "engine/jobscheduler.h"
#include "engine/python/pyruntime.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/taskscheduler.h"

#include <QFile>
#include <QMetaObject>

#include <chrono>

namespace dsl::app {

namespace {
constexpr auto kFrame = std::chrono::milliseconds(33);
constexpr std::size_t kPreviewLines = 4096; ///< input lines shown before a run starts
bool g_sessionExists = false;

std::string lastTraceback(const std::string &err)
{
    const auto at = err.rfind("Traceback (most recent call last)");
    if (at != std::string::npos) return err.substr(at);
    return err;
}
} // namespace

ProgramSession::ProgramSession(Config config, QObject *parent) : ui::RunDriver(parent), m_config(std::move(config))
{
    if (g_sessionExists) throw std::logic_error("only one ProgramSession per process (CPython initializes once)");
    g_sessionExists = true;
    qRegisterMetaType<ui::RunSnapshotPtr>();
    m_pacer.resetClock(m_config.startTime);
    m_worker = std::thread([this] { workerMain(); });
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

void ProgramSession::loadProgram(const QString &fileName, const QString &source)
{
    std::lock_guard lk(m_mutex);
    m_fileName = fileName.toStdString();
    m_source = source.toStdString();
    abortTo(false);
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

void ProgramSession::setOptions(const ui::RunOptions &options)
{
    std::lock_guard lk(m_mutex);
    if (options == m_options) return;
    m_options = options;
    abortTo(false);
}

ui::RunOptions ProgramSession::options() const
{
    std::lock_guard lk(m_mutex);
    return m_options;
}

void ProgramSession::requestStart()
{
    // A pending reset (the run is being aborted) starts afresh too.
    if (m_resetRequested || (!m_running && m_phase == ui::RunPhase::NotStarted)) m_startRequested = true;
    m_cv.notify_all();
}

void ProgramSession::run(double speed)
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target first
    m_pacer.run(speed);
    requestStart();
}

void ProgramSession::setSpeed(double speed)
{
    std::lock_guard lk(m_mutex);
    m_pacer.setSpeed(speed);
    m_cv.notify_all();
}

void ProgramSession::pause()
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target by itself
    m_pacer.pause();
    m_cv.notify_all();
}

void ProgramSession::stepEvent()
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return;
    m_pacer.stepEvent();
    requestStart();
}

void ProgramSession::stepBatch()
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return;
    m_pacer.stepBatch();
    requestStart();
}

void ProgramSession::runUntilBatch(int completedBatches)
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target first
    m_pacer.runUntilBatch(completedBatches);
    requestStart();
}

void ProgramSession::runUntilTime(qint64 simTimeMs)
{
    std::lock_guard lk(m_mutex);
    if (m_replaying) return; // a replay stops at its target first
    m_pacer.runUntilTime(SimTime(simTimeMs));
    requestStart();
}

void ProgramSession::stepBack()
{
    std::lock_guard lk(m_mutex);
    if (m_phase == ui::RunPhase::NotStarted || m_replaying) return;
    const int target = std::max(0, m_atBoundary ? m_completed - 1 : m_completed);
    m_pacer.runUntilBatch(target);
    abortTo(true);
}

void ProgramSession::reset()
{
    std::lock_guard lk(m_mutex);
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
    } else if (restart) {
        // The program already returned: replay straight away.
        m_restart = false;
        m_replaying = true;
        m_startRequested = true;
    }
    m_cv.notify_all();
}

void ProgramSession::sendLine(const QString &line)
{
    std::lock_guard lk(m_mutex);
    m_pendingLines.push_back(line.toStdString());
    m_cv.notify_all();
}

bool ProgramSession::addInput(std::vector<std::pair<Duration, std::string>> lines, int port)
{
    std::lock_guard lk(m_mutex);
    if (m_running) return false;
    std::vector<std::pair<SimTime, std::string>> abs;
    abs.reserve(lines.size());
    for (auto &[offset, text] : lines) abs.emplace_back(m_config.startTime + offset, std::move(text));
    std::vector<std::pair<Duration, std::string>>().swap(lines);
    m_log.addScript(std::move(abs), port);
    if (port == 0) m_listenAll = true;
    else m_listenPorts.insert(port);
    m_inputReloaded = true;
    m_cv.notify_all();
    return true;
}

std::vector<InputRecord> ProgramSession::inputLog() const
{
    std::lock_guard lk(m_mutex);
    return m_log.records();
}

std::size_t ProgramSession::inputLogSize() const
{
    std::lock_guard lk(m_mutex);
    return m_log.size();
}

void ProgramSession::startAutoTyper(const ui::AutoTyperSpec &spec)
{
    std::lock_guard lk(m_mutex);
    if (!spec.isValid()) return;
    m_pendingAutoStart = spec;
    m_pendingAutoStop = false;
    m_cv.notify_all();
}

void ProgramSession::stopAutoTyper()
{
    std::lock_guard lk(m_mutex);
    m_pendingAutoStart.reset();
    m_pendingAutoStop = true;
    m_cv.notify_all();
}

bool ProgramSession::saveInputLog(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    bool ok = true;
    {
        std::lock_guard lk(m_mutex);
        m_log.writeScript(m_config.startTime, [&](const std::string &chunk) {
            if (ok && f.write(chunk.data(), static_cast<qint64>(chunk.size())) != static_cast<qint64>(chunk.size())) ok = false;
        });
    }
    if (!ok || !f.flush()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ProgramSession::loadInputLog(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    std::vector<ScriptLine> lines;
    std::string err;
    const QByteArray data = f.readAll();
    if (!parseInputScript(std::string_view(data.constData(), static_cast<std::size_t>(data.size())), lines, err)) {
        if (error) *error = tr("%1 is not an input log: %2").arg(path, QString::fromStdString(err));
        return false;
    }
    std::vector<std::pair<SimTime, std::string>> abs;
    abs.reserve(lines.size());
    for (auto &l : lines) abs.emplace_back(m_config.startTime + l.offset, std::move(l.text));
    std::vector<ScriptLine>().swap(lines);
    std::lock_guard lk(m_mutex);
    abortTo(false); // back to "not started", then the new log
    m_pendingLines.clear();
    m_pendingAutoStop = false;
    m_log.clear();
    m_log.addScript(std::move(abs), 0);
    m_listenAll = true; // the script format has no ports: every socket gets the lines
    m_inputReloaded = true;
    m_cv.notify_all();
    return true;
}

void ProgramSession::refreshPreview()
{
    // Caller holds m_mutex.
    m_preview = InputLog();
    SessionInputLog::Cursor c = m_log.cursor();
    InputRecord r;
    while (m_preview.size() < kPreviewLines && c.next(SimTime(INT64_MAX), r)) m_preview.append(std::move(r));
}

// ---- delivery ----------------------------------------------------------------------------------

void ProgramSession::queueDelivery()
{
    // Caller holds m_mutex. One queued call at a time: the GUI always gets the newest values.
    if (m_deliveryQueued) return;
    m_deliveryQueued = true;
    QMetaObject::invokeMethod(this, [this] { deliver(); }, Qt::QueuedConnection);
}

void ProgramSession::deliver()
{
    ui::RunSnapshotPtr snap;
    std::optional<qint64> clock;
    {
        std::lock_guard lk(m_mutex);
        snap = std::move(m_pending);
        m_pending.reset();
        clock = m_pendingClock;
        m_pendingClock.reset();
        m_deliveryQueued = false;
    }
    if (snap) {
        m_delivered = snap;
        emit snapshotReady(snap);
    }
    if (clock) emit clockAdvanced(*clock);
}

void ProgramSession::publish(bool force)
{
    // Worker, m_mutex held.
    if (m_replaying) return;
    const auto wall = RunPacer::WallClock::now();
    if (!force && (!m_builder->dirty() || wall - m_lastPublish < kFrame)) return;
    m_lastPublish = wall;
    m_lastPublishedPhase = m_phase;
    m_pending = m_builder->snapshot(m_phase, m_config.startTime, m_pacer.clock());
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
    m_lastClock = c;
    m_pendingClock = c;
    queueDelivery();
}

// ---- the program thread ------------------------------------------------------------------------

void ProgramSession::applyLines(std::unique_lock<std::mutex> &, bool running)
{
    // Worker, m_mutex held. A typed line arrives just after everything the run has done so far
    // (and after the displayed clock), so a replay from the log sees it at the same point.
    while (!m_pendingLines.empty()) {
        std::string text = std::move(m_pendingLines.front());
        m_pendingLines.pop_front();
        SimTime t = m_config.startTime;
        if (running || m_phase == ui::RunPhase::Finished || m_phase == ui::RunPhase::Failed)
            t = std::max(m_pacer.clock(), m_rt->simulation().now()) + Duration(1);
        m_log.addTyped(InputRecord{InputRecord::Kind::SocketLine, t, m_config.listenPort, {}, std::move(text)});
        // Running: the engine gets it from the log when simulated time reaches it (feed).
        if (!running && m_phase == ui::RunPhase::NotStarted) {
            refreshPreview();
            m_builder->inputInserted(0);
        }
    }
    // The auto-typer starts and stops at the same point a typed line would arrive.
    const bool live = running || m_phase == ui::RunPhase::Finished || m_phase == ui::RunPhase::Failed;
    const SimTime now = live ? std::max(m_pacer.clock(), m_rt->simulation().now()) : m_config.startTime;
    if (m_pendingAutoStop) {
        m_pendingAutoStop = false;
        m_log.stopAuto(live ? now : m_config.startTime - Duration(1));
    }
    if (m_pendingAutoStart) {
        m_log.startAuto(*m_pendingAutoStart, live ? now + Duration(1) : m_config.startTime, m_config.listenPort);
        m_pendingAutoStart.reset();
    }
}

void ProgramSession::feed(SimTime upTo)
{
    // Worker, m_mutex held, GIL held: the engine is between events. Every log record that has
    // arrived by upTo goes into the engine's input log, in the log's order, live and in replays
    // alike; records every receiver has read (and the builder has copied) are let go.
    Simulation &sim = m_rt->simulation();
    InputLog &log = sim.inputLog();
    m_log.advanceAuto(upTo);
    const std::size_t before = log.size();
    InputRecord r;
    while (m_feedCursor.next(upTo, r)) log.append(std::move(r));
    if (log.size() != before) m_builder->inputInserted(before); // copies the new lines
    m_builderSeen = log.size();
    StreamingContext *ssc = StreamingContext::getActive(sim);
    if (!ssc || ssc->state() != StreamingState::ACTIVE) return;
    if (!m_canDiscardInput) {
        // Only receivers read socket lines; a file stream reads the log by its own index.
        bool receiversOnly = !ssc->scheduler().receivers().empty();
        for (const auto &in : ssc->graph().inputStreams())
            if (std::dynamic_pointer_cast<FileInputDStream>(in)) receiversOnly = false;
        m_canDiscardInput = receiversOnly;
        if (!m_canDiscardInput) return;
    }
    std::size_t readByAll = m_builderSeen;
    for (const auto &rec : ssc->scheduler().receivers()) readByAll = std::min(readByAll, rec.inputLogAccepted);
    log.discardBefore(readByAll);
}

bool ProgramSession::pace(SimTime upTo)
{
    m_builder->update(); // GIL held: may recompute records of a completed batch
    std::unique_lock lk(m_mutex);
    m_builderSeen = m_rt->simulation().inputLog().size();
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
        m_phase = m_replaying ? ui::RunPhase::Replaying : m_pacer.isPaused() ? ui::RunPhase::Paused : ui::RunPhase::Running;
        if (d.allow) {
            feed(std::max(upTo, m_pacer.clock()));
            publish(false);
            postClock();
            return true;
        }
        feed(m_pacer.clock()); // lines appear as the displayed clock reaches them
        publish(m_phase != m_lastPublishedPhase || m_builder->dirty());
        postClock();
        std::optional<RunPacer::WallClock::time_point> until;
        if (d.wakeAt) until = std::min(*d.wakeAt, wall + kFrame);
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
    settings.sim.startTime = m_config.startTime;
    settings.sim.seed = m_config.seed;
    settings.taskTimeoutMs = m_config.taskTimeoutMs;
    settings.pythonPackageDir = m_config.pythonPackageDir;
    settings.finishWhenInputDone = false; // the teacher may type more at any time
    if (!m_options.master.isEmpty()) settings.master = m_options.master.toStdString();
    if (m_options.batchIntervalMs) settings.batchDuration = Duration(*m_options.batchIntervalMs);
    if (m_options.blockIntervalMs)
        settings.confOverrides.emplace_back("spark.streaming.blockInterval", std::to_string(*m_options.blockIntervalMs) + "ms");
    const std::string source = m_source, fileName = m_fileName;

    m_builder->detach();
    m_rt->reset(settings);
    Simulation &sim = m_rt->simulation();
    m_feedCursor = m_log.cursor();
    m_builderSeen = 0;
    m_canDiscardInput = false;
    sim.inputLog().listen(m_config.listenPort);
    for (int p : m_listenPorts) sim.inputLog().listen(p);
    sim.inputLog().setListenAll(m_listenAll);
    m_builder->attach(&sim, m_preview);
    m_pacer.resetClock(m_config.startTime);
    m_lastPaceCompleted = 0;
    m_completed = 0;
    m_atBoundary = false;
    m_runStderr.clear();
    m_running = true;
    m_phase = m_replaying ? ui::RunPhase::Replaying : ui::RunPhase::Running;
    publish(true);

    lk.unlock();
    const auto status = m_rt->runSource(source, fileName, {});
    m_builder->update();
    lk.lock();

    m_running = false;
    applyLines(lk, false);
    if (status == python::RunStatus::Raised) {
        const std::string tb = lastTraceback(m_runStderr);
        m_builder->setError(tb, errorLineOf(tb, fileName));
    }
    m_phase = status == python::RunStatus::Raised ? ui::RunPhase::Failed : ui::RunPhase::Finished;
    if (m_restart) {
        m_restart = false;
        m_replaying = true;
        m_startRequested = true;
        return;
    }
    m_replaying = false;
    if (m_resetRequested) return; // the idle loop shows the fresh state
    publish(true);
}

void ProgramSession::workerMain()
{
    std::unique_lock lk(m_mutex);
    m_builder = std::make_unique<SnapshotBuilder>([this](const std::function<void()> &f) { m_rt->inspect(f); },
                                                  m_config.limits);
    python::RunSettings base;
    base.sim.startTime = m_config.startTime;
    base.pythonPackageDir = m_config.pythonPackageDir;
    std::unique_ptr<python::PythonRuntime> rt;
    try {
        rt = std::make_unique<python::PythonRuntime>(base); // initializes CPython on this thread
    } catch (const std::exception &e) {
        m_builder->attach(nullptr, m_preview);
        m_builder->setError(std::string("DStream Lab could not start Python: ") + e.what(), 0);
        m_phase = ui::RunPhase::Failed;
        publish(true);
        while (!m_quit) m_cv.wait(lk);
        m_workerDone = true;
        m_cv.notify_all();
        return;
    }
    m_rt = rt.get();
    rt->stdoutSink = [](const std::string &) {}; // program output reaches the builder as onOutput
    rt->stderrSink = [this](const std::string &s) {
        m_runStderr += s;
        m_builder->appendStderr(s);
    };
    rt->pacer = [this](SimTime t) { return pace(t); };
    refreshPreview();
    m_builder->attach(nullptr, m_preview);
    publish(true);

    while (!m_quit) {
        if (m_startRequested && !m_source.empty()) {
            runOnce(lk);
            continue;
        }
        m_startRequested = false;
        if (m_resetRequested) {
            m_resetRequested = false;
            m_builder->detach();
            applyLines(lk, false);
            refreshPreview();
            m_builder->attach(nullptr, m_preview);
            m_phase = ui::RunPhase::NotStarted;
            m_pacer.resetClock(m_config.startTime);
            m_completed = 0;
            m_atBoundary = false;
            publish(true);
            continue;
        }
        if (m_inputReloaded) {
            m_inputReloaded = false;
            refreshPreview();
            if (m_phase == ui::RunPhase::NotStarted) m_builder->inputInserted(0);
            publish(true);
        }
        if (!m_pendingLines.empty() || m_pendingAutoStart || m_pendingAutoStop) {
            applyLines(lk, false);
            publish(true);
            continue;
        }
        rt->withoutGil([&] {
            m_cv.wait(lk, [this] {
                return m_quit || m_startRequested || m_resetRequested || m_inputReloaded || !m_pendingLines.empty() ||
                       m_pendingAutoStart || m_pendingAutoStop;
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

} // namespace dsl::app
