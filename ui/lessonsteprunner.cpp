// LessonStepRunner: a small queue over the controller, advanced by the snapshots it emits.
#include "lessonsteprunner.h"

#include "sessiontypes.h"
#include "simulationcontroller.h"

namespace dsl::ui {

LessonStepRunner::LessonStepRunner(SimulationController *controller, QObject *parent)
    : QObject(parent), m_controller(controller)
{
    connect(controller, &SimulationController::snapshotChanged, this, &LessonStepRunner::onSnapshot);
}

void LessonStepRunner::start(std::vector<SessionCommand> commands)
{
    m_queue.assign(commands.begin(), commands.end());
    m_waiting = std::monostate{};
    m_busy = true;
    m_restarted = false;
    next();
}

void LessonStepRunner::append(std::vector<SessionCommand> commands)
{
    if (!m_busy) return start(std::move(commands));
    m_queue.insert(m_queue.end(), commands.begin(), commands.end());
}

void LessonStepRunner::cancel()
{
    const bool was = m_busy;
    m_queue.clear();
    m_waiting = std::monostate{};
    m_busy = false;
    if (was) emit finished(false);
}

bool LessonStepRunner::reached(const RunSnapshot &s) const
{
    if (s.cursor) return false; // browsing the past is not where the run stands
    if (const auto *b = std::get_if<command::RunUntilBatch>(&m_waiting))
        // A starved run (local[1] with a receiver) pauses once batch N is generated instead.
        return s.completedBatches >= b->completedBatches ||
               (s.phase == RunPhase::Paused && static_cast<int>(s.batches.size()) >= b->completedBatches);
    if (const auto *t = std::get_if<command::RunUntilTime>(&m_waiting)) return s.clock.ms() >= t->simTimeMs;
    return true;
}

void LessonStepRunner::next()
{
    while (m_busy && !m_queue.empty()) {
        SessionCommand c = std::move(m_queue.front());
        m_queue.pop_front();
        if (const auto *load = std::get_if<command::LoadProgram>(&c)) {
            if (!m_restarted && m_controller->snapshot()) m_oldRunId = m_controller->snapshot()->runId;
            emit programRequested(load->fileName, load->source);
            m_restarted = true;
            continue;
        }
        if (std::holds_alternative<command::RestartDriver>(c)) {
            // A new driver: the next run-until waits for its run, never the stopped one's.
            if (!m_restarted && m_controller->snapshot()) m_oldRunId = m_controller->snapshot()->runId;
            m_controller->execute(c);
            m_restarted = true;
            continue;
        }
        const bool isRun = std::holds_alternative<command::RunUntilBatch>(c) || std::holds_alternative<command::RunUntilTime>(c);
        if (isRun) {
            if (const auto *b = std::get_if<command::RunUntilBatch>(&c)) m_waiting = *b;
            else m_waiting = std::get<command::RunUntilTime>(c);
            const RunSnapshotPtr &s = m_controller->snapshot();
            if (!m_restarted && s && s->phase != RunPhase::NotStarted && reached(*s) && !m_controller->isRunning()) {
                m_waiting = std::monostate{}; // already there: nothing to run (coming back to a step)
                continue;
            }
            m_waitRunId = s ? s->runId : 0;
            m_controller->execute(c);
            return; // onSnapshot continues once the run rests there
        }
        if (auto *o = std::get_if<command::SetOptions>(&c))
            o->options.database = m_controller->driver()->options().database; // the app's choice, not a lesson's
        m_controller->execute(c);
    }
    if (m_busy && std::holds_alternative<std::monostate>(m_waiting)) {
        m_busy = false;
        emit finished(true);
    }
}

void LessonStepRunner::onSnapshot(const RunSnapshotPtr &s)
{
    if (!m_busy || std::holds_alternative<std::monostate>(m_waiting)) return;
    // Reset (or settings changed) under the step: back to "not started" in another run.
    const bool reset = !m_restarted && s->phase == RunPhase::NotStarted && s->runId != m_waitRunId;
    const bool ended = s->phase == RunPhase::Finished || s->phase == RunPhase::Failed || reset;
    if (ended && !(m_restarted && s->runId == m_oldRunId)) {
        m_waiting = std::monostate{};
        // What this program's steps still wanted cannot happen; a later step that opens another
        // program starts afresh (a lesson may show one program failing, then the next one).
        while (!m_queue.empty() && !std::holds_alternative<command::LoadProgram>(m_queue.front())) m_queue.pop_front();
        if (!m_queue.empty() && !reset) {
            m_restarted = false;
            next();
            return;
        }
        m_queue.clear();
        m_busy = false;
        emit finished(s->phase == RunPhase::Finished && !reset);
        return;
    }
    if (m_restarted && s->runId == m_oldRunId) return; // the old run, not yet aborted
    if (s->phase != RunPhase::Paused || !reached(*s)) return;
    m_restarted = false;
    m_waiting = std::monostate{};
    next();
}

} // namespace dsl::ui
