// ProgramSession, input side: typed and auto-typed lines, dropped files, the input log (save,
// load, preview) and feeding it to the engine as simulated time reaches each record.
#include "programsession.h"
#include "sessionjournal.h"

#include "engine/inputscript.h"

#include "engine/inputdstreams.h"
#include "engine/jobscheduler.h"
#include "engine/python/pyruntime.h"
#include "engine/simulation.h"
#include "engine/streamingcontext.h"

#include <QFile>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace dsl::session {

namespace {
constexpr std::size_t kPreviewLines = 4096; ///< input lines shown before a run starts
} // namespace

// ---- commands (GUI thread) -------------------------------------------------------------------

InputRecord ProgramSession::lineRecord(const command::SendLine &c)
{
    // m_mutex held.
    InputRecord r{InputRecord::Kind::SocketLine, SimTime(0), c.port > 0 ? c.port : m_config.listenPort, {},
                  c.line.toStdString()};
    if (!c.source.isEmpty()) {
        std::string name = c.source.toStdString();
        auto it = m_sourceNames.find(name);
        if (it == m_sourceNames.end())
            it = m_sourceNames.emplace(name, std::make_shared<const std::string>(name)).first;
        r.source = it->second;
    }
    return r;
}

void ProgramSession::listenFrom(int port, SimTime from)
{
    // m_mutex held. Another port of the program (a real server's): the simulated `nc -lk` listens
    // there from its first line on, in this run and in every replay (m_listenPorts).
    if (port == m_config.listenPort || m_listenAll) return;
    auto [it, fresh] = m_listenPorts.emplace(port, from);
    if (!fresh) it->second = std::min(it->second, from);
}

void ProgramSession::followFrom(int port, SimTime from)
{
    // m_mutex held. A port whose real server's events are in the log: its receiver follows that
    // server from the first one on, in this run and in every replay (m_followPorts).
    auto [it, fresh] = m_followPorts.emplace(port, from);
    if (!fresh) it->second = std::min(it->second, from);
}

void ProgramSession::apply(const command::RealServerEvent &c)
{
    if (!c.isValid()) return;
    std::lock_guard lk(m_mutex);
    InputRecord r{InputRecord::Kind::Server, SimTime(0), c.port > 0 ? c.port : m_config.listenPort, {}, c.why.toStdString()};
    r.server = c.event;
    if (m_cursor && m_delivered && !m_replaying) {
        // As a line typed while browsing: at the browsed batch, and the run replays to there.
        r.time = m_delivered->clock + Duration(1);
        followFrom(r.port, r.time);
        m_log.addTyped(std::move(r)); // journaled (SessionJournal::onTyped) before it returns
        replayToCursor();
        return;
    }
    m_pendingLines.push_back(std::move(r)); // in order with the server's lines (applyLines)
    m_cv.notify_all();
}

void ProgramSession::apply(const command::SendLine &c)
{
    std::lock_guard lk(m_mutex);
    InputRecord r = lineRecord(c);
    if (m_cursor && m_delivered && !m_replaying) {
        // Typed while browsing the history: the line arrives just after the browsed batch
        // completed, and the run replays to there (the lines typed later stay in the log).
        r.time = m_delivered->clock + Duration(1);
        listenFrom(r.port, r.time);
        m_log.addTyped(std::move(r));
        replayToCursor();
        return;
    }
    m_pendingLines.push_back(std::move(r)); // the worker gives it the current time (applyLines)
    m_cv.notify_all();
}

namespace {

/// An input script's records, split for the log: its socket lines go into one script run (for
/// `port`), its dropped files, Kafka messages, sourced lines and server events into the typed
/// records. At equal times the log reads script lines first, so a line that follows a typed
/// record at its time goes with the typed records too, after it: the log then reads the records
/// in the script's order.
struct SplitScript {
    std::vector<std::pair<SimTime, std::string>> abs;
    std::vector<InputRecord> typed;
    /// The first `@server` line's time: the port follows the recorded server from then on (a
    /// `dstreamlab run --real-time` recording starts with `@server connecting` at 0: from the start).
    std::optional<SimTime> followFrom;
};

SplitScript splitScript(std::vector<ScriptLine> lines, SimTime start, int port)
{
    std::stable_sort(lines.begin(), lines.end(), [](const ScriptLine &a, const ScriptLine &b) { return a.offset < b.offset; });
    SplitScript out;
    auto &abs = out.abs;
    auto &typed = out.typed;
    abs.reserve(lines.size());
    std::optional<SimTime> lastFile;
    std::map<std::string, std::shared_ptr<const std::string>> sources; // one shared name per sender
    for (auto &l : lines) {
        const SimTime t = start + l.offset;
        if (l.isServer()) { // a real server's recorded connection: the port's receiver follows it
            InputRecord r{InputRecord::Kind::Server, t, port, {}, std::move(l.text)};
            r.server = *l.server;
            typed.push_back(std::move(r));
            if (!out.followFrom) out.followFrom = t;
            lastFile = t;
            continue;
        }
        if (!l.source.empty()) { // a line with its sender ("@source NAME"): a typed record keeps it
            InputRecord r{InputRecord::Kind::SocketLine, t, port, {}, std::move(l.text)};
            auto &name = sources[l.source];
            if (!name) name = std::make_shared<const std::string>(l.source);
            r.source = name;
            typed.push_back(std::move(r));
            lastFile = t; // a plain line after it at this time goes with the typed records too
        } else if (l.isFile()) {
            typed.push_back(InputRecord{InputRecord::Kind::File, t, kFileRecordPort, std::move(l.path), std::move(l.text)});
            lastFile = t;
        } else if (l.isKafka()) {
            typed.push_back(InputRecord{InputRecord::Kind::KafkaMessage, t, kFileRecordPort, std::move(l.topic),
                                        std::move(l.text), std::move(l.key)});
            lastFile = t;
        } else if (lastFile == t) {
            typed.push_back(InputRecord{InputRecord::Kind::SocketLine, t, port, {}, std::move(l.text)});
        } else {
            abs.emplace_back(t, std::move(l.text));
        }
    }
    return out;
}

} // namespace

void ProgramSession::apply(const command::DropFile &c)
{
    if (!c.isValid()) return;
    const std::string path = (std::filesystem::path(c.directory.toStdString()) / c.fileName.toStdString()).string();
    addTypedRecord(InputRecord{InputRecord::Kind::File, SimTime(0), kFileRecordPort, path, c.text.toStdString()});
}

void ProgramSession::addTypedRecord(InputRecord r)
{
    std::lock_guard lk(m_mutex);
    if (m_cursor && m_delivered && !m_replaying) {
        // As a line typed while browsing: it arrives just after the browsed batch completed, and
        // the run replays to there.
        r.time = m_delivered->clock + Duration(1);
        m_log.addTyped(std::move(r)); // journaled (SessionJournal::onTyped) before it returns
        replayToCursor();
        return;
    }
    m_pendingDrops.push_back(std::move(r)); // the worker gives it the current time (applyLines)
    m_cv.notify_all();
}

void ProgramSession::apply(const command::InjectFault &c)
{
    Fault fault;
    std::string error;
    if (!parseFaultAction(c.action.toStdString(), "fault", fault, error)) return;
    std::lock_guard lk(m_mutex);
    m_pendingFaults.push_back(c.action.toStdString());
    m_cv.notify_all();
}

bool command::ProduceKafka::isValid() const
{
    return kafkaTopicError(topic.toStdString()).empty();
}

void ProgramSession::apply(const command::ProduceKafka &c)
{
    if (!c.isValid()) return;
    addTypedRecord(InputRecord{InputRecord::Kind::KafkaMessage, SimTime(0), kFileRecordPort, c.topic.toStdString(),
                               c.value.toStdString(), c.key ? std::optional<std::string>(c.key->toStdString()) : std::nullopt});
}

bool ProgramSession::addInput(std::vector<std::pair<Duration, std::string>> lines, int port)
{
    std::vector<ScriptLine> script;
    script.reserve(lines.size());
    for (auto &[offset, text] : lines) script.push_back(ScriptLine{offset, std::move(text), {}});
    std::vector<std::pair<Duration, std::string>>().swap(lines);
    return addInputScript(std::move(script), port);
}

bool ProgramSession::addInputScript(std::vector<ScriptLine> lines, int port)
{
    std::lock_guard lk(m_mutex);
    if (m_running) return false;
    SplitScript split = splitScript(std::move(lines), m_startTime, port);
    m_log.addScript(std::move(split.abs), port);
    for (auto &r : split.typed) m_log.addTyped(std::move(r));
    if (port == 0) m_listenAll = true;
    else listenFrom(port, SimTime(INT64_MIN)); // a script's port: from the start
    if (split.followFrom) followFrom(port, *split.followFrom);
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

bool command::StartAutoTyper::isValid() const
{
    return spec.isValid() && (!spec.isKafka() || kafkaTopicError(spec.topic).empty());
}

void ProgramSession::apply(const command::StartAutoTyper &c)
{
    std::lock_guard lk(m_mutex);
    if (!c.isValid()) return;
    m_pendingAutoStart = c.spec;
    m_pendingAutoStop = false;
    m_cv.notify_all();
}

void ProgramSession::apply(const command::StopAutoTyper &)
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
        m_log.writeScript(m_startTime, [&](const std::string &chunk) {
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
    const SimTime start = [this] {
        std::lock_guard lk(m_mutex);
        return m_startTime;
    }();
    SplitScript split = splitScript(std::move(lines), start, 0);
    std::lock_guard lk(m_mutex);
    std::optional<SessionJournal::Batch> batch; // one sync for the whole log
    if (m_journal) batch.emplace(m_journal);
    abortTo(false); // back to "not started", then the new log
    m_pendingLines.clear();
    m_pendingDrops.clear();
    m_pendingFaults.clear();
    m_pendingAutoStop = false;
    m_log.clear();
    m_followPorts.clear(); // the old log's servers are gone with it
    m_log.addScript(std::move(split.abs), 0);
    for (auto &r : split.typed) m_log.addTyped(std::move(r));
    m_listenAll = true; // the script format has no ports: every socket gets the lines
    // ... and follows the recorded server (`@server` lines), from its first record on.
    if (split.followFrom) followFrom(0, *split.followFrom);
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

// ---- the program thread ------------------------------------------------------------------------

void ProgramSession::applyLines(std::unique_lock<std::mutex> &, bool running)
{
    // Worker, m_mutex held. A typed line arrives just after everything the run has done so far
    // (and after the displayed clock), so a replay from the log sees it at the same point.
    const auto arrival = [&] {
        if (running || m_phase == RunPhase::Finished || m_phase == RunPhase::Failed)
            return std::max(m_pacer.clock(), m_rt->simulation().now()) + Duration(1);
        return m_startTime;
    };
    // Many lines at once (the class port of a room): one sync of the journal for all of them.
    std::optional<SessionJournal::Batch> batch;
    if (m_journal && m_pendingLines.size() + m_pendingDrops.size() > 1) batch.emplace(m_journal);
    const bool live = running || m_phase == RunPhase::Finished || m_phase == RunPhase::Failed;
    while (!m_pendingLines.empty() || !m_pendingDrops.empty()) {
        InputRecord r;
        if (!m_pendingLines.empty()) {
            r = std::move(m_pendingLines.front());
            m_pendingLines.pop_front();
            r.time = arrival();
            if (r.kind == InputRecord::Kind::Server) {
                // A real server's event: its port follows the server from the first one on, which
                // arrives after everything the engine has done, exactly as the replays will.
                followFrom(r.port, r.time);
                if (live) m_rt->simulation().inputLog().followServer(r.port, r.time);
            } else if (r.port != m_config.listenPort && !m_listenAll) {
                // Another port (a real server's): listened on from this line's time, which is after
                // everything the engine has done, exactly as the replays will (m_listenPorts).
                listenFrom(r.port, r.time);
                if (live) m_rt->simulation().inputLog().listen(r.port, r.time);
            }
        } else {
            r = std::move(m_pendingDrops.front()); // a dropped file arrives as a typed line does
            m_pendingDrops.pop_front();
            r.time = arrival();
        }
        m_log.addTyped(std::move(r)); // a file too: the journal writes and syncs it now
        // Running: the engine gets it from the log when simulated time reaches it (feed).
        if (!running && m_phase == RunPhase::NotStarted) {
            refreshPreview();
            m_builder->inputInserted(0);
        }
    }
    // An injected fault fires where a typed line would arrive, and joins the options' faults so
    // that replays repeat it there.
    while (!m_pendingFaults.empty()) {
        const std::string action = std::move(m_pendingFaults.front());
        m_pendingFaults.pop_front();
        const SimTime at = arrival();
        m_options.faults.emplace_back(at.ms(), QString::fromStdString(action));
        if (m_journal) m_journal->recordOptions(m_options);
        Fault fault;
        std::string error;
        if ((running || m_phase == RunPhase::Finished || m_phase == RunPhase::Failed) &&
            parseFaultAction(action, "fault", fault, error)) {
            setFaultTime(fault, at);
            m_rt->simulation().addFault(std::move(fault));
        }
    }
    // The auto-typer starts and stops at the same point a typed line would arrive.
    const SimTime now = live ? std::max(m_pacer.clock(), m_rt->simulation().now()) : m_startTime;
    if (m_pendingAutoStop) {
        m_pendingAutoStop = false;
        m_log.stopAuto(live ? now : m_startTime - Duration(1));
    }
    if (m_pendingAutoStart) {
        m_log.startAuto(*m_pendingAutoStart, live ? now + Duration(1) : m_startTime, m_config.listenPort);
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

} // namespace dsl::session
