// TaskScheduler: FIFO placement of tasks and receivers on cores, driven by simulation events.
#include "taskscheduler.h"

#include "costmodel.h"
#include "simulation.h"

#include <algorithm>

namespace dsl {

namespace {
Duration nsToMs(std::int64_t ns)
{
    return Duration((ns + 999'999) / 1'000'000);
}
} // namespace

TaskScheduler::TaskScheduler(Simulation &sim, int cores) : m_sim(sim), m_cores(static_cast<std::size_t>(cores)) {}

int TaskScheduler::coresForTasks() const
{
    return static_cast<int>(std::count_if(m_cores.begin(), m_cores.end(),
                                          [](const CoreState &c) { return c.use != CoreState::Use::Receiver; }));
}

void TaskScheduler::requestReceiverCore(int streamId, std::function<void(int)> onGranted)
{
    Pending p;
    p.streamId = streamId;
    p.onGranted = std::move(onGranted);
    m_queue.push_back(std::move(p));
    dispatch();
}

void TaskScheduler::releaseReceiverCore(int streamId)
{
    m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(),
                                 [&](const Pending &p) { return p.runId < 0 && p.streamId == streamId; }),
                  m_queue.end());
    for (auto &c : m_cores)
        if (c.use == CoreState::Use::Receiver && c.id == streamId) c = CoreState{};
    dispatch();
}

EventId TaskScheduler::scheduleFor(int runId, SimTime t, EventPriority p, const char *kind, std::function<void()> f)
{
    EventId id = m_sim.schedule(t, p, kind, std::move(f));
    m_runs[runId].pendingEvents.push_back(id);
    return id;
}

int TaskScheduler::run(std::shared_ptr<std::vector<JobPlan>> plans, std::function<void()> onDone)
{
    const int id = m_nextRun++;
    Run r;
    r.plans = std::move(plans);
    r.onDone = std::move(onDone);
    m_runs.emplace(id, std::move(r));
    startJob(id);
    return id;
}

void TaskScheduler::startJob(int runId)
{
    Run &r = m_runs.at(runId);
    if (r.job >= r.plans->size()) {
        auto done = std::move(r.onDone);
        for (EventId e : r.pendingEvents) m_sim.cancel(e);
        m_runs.erase(runId);
        if (done) done();
        return;
    }
    JobPlan &job = (*r.plans)[r.job];
    job.info.submissionTime = m_sim.now();
    r.stage = 0;
    // DAGScheduler overhead before the first stage is submitted.
    scheduleFor(runId, m_sim.now() + nsToMs(cost::jobOverheadNs), EventPriority::TaskEnd, "stage-submit",
                [this, runId] { startStage(runId); });
}

void TaskScheduler::startStage(int runId)
{
    Run &r = m_runs.at(runId);
    JobPlan &job = (*r.plans)[r.job];
    while (r.stage < job.stages.size() && job.stages[r.stage].info.skipped) ++r.stage;
    if (r.stage >= job.stages.size()) {
        job.info.completionTime = m_sim.now();
        m_sim.trace("job-end", "job " + std::to_string(job.info.jobId) + (job.failure ? " failed" : " succeeded"));
        JobInfo info = job.info;
        for (const auto &s : job.stages) {
            info.stages.push_back(s.info);
            for (const auto &t : s.tasks) info.tasks.push_back(t.info);
        }
        m_sim.notify([&](SimulationObserver &o) { o.onJobCompleted(info); });
        ++r.job;
        startJob(runId);
        return;
    }
    PlannedStage &st = job.stages[r.stage];
    st.info.submissionTime = m_sim.now() + nsToMs(cost::stageOverheadNs);
    r.tasksLeft = static_cast<int>(st.tasks.size());
    scheduleFor(runId, *st.info.submissionTime, EventPriority::TaskEnd, "stage-start", [this, runId] {
        Run &rr = m_runs.at(runId);
        PlannedStage &s = (*rr.plans)[rr.job].stages[rr.stage];
        if (s.tasks.empty()) {
            finishStage(runId);
            return;
        }
        for (std::size_t i = 0; i < s.tasks.size(); ++i) {
            if (s.tasks[i].retryOf >= 0) continue; // offered a core when its failed attempt ends
            Pending p;
            p.runId = runId;
            p.job = rr.job;
            p.stage = rr.stage;
            p.task = i;
            m_queue.push_back(std::move(p));
        }
        dispatch();
    });
}

void TaskScheduler::finishStage(int runId)
{
    Run &r = m_runs.at(runId);
    PlannedStage &st = (*r.plans)[r.job].stages[r.stage];
    st.info.completionTime = m_sim.now();
    ++r.stage;
    startStage(runId);
}

void TaskScheduler::dispatch()
{
    for (auto it = m_queue.begin(); it != m_queue.end();) {
        auto freeCore = std::find_if(m_cores.begin(), m_cores.end(),
                                     [](const CoreState &c) { return c.use == CoreState::Use::Free; });
        if (freeCore == m_cores.end()) return;
        const int core = static_cast<int>(freeCore - m_cores.begin());
        Pending p = std::move(*it);
        it = m_queue.erase(it);
        if (p.runId < 0) {
            *freeCore = CoreState{CoreState::Use::Receiver, p.streamId};
            p.onGranted(core);
            continue;
        }
        Run &r = m_runs.at(p.runId);
        PlannedTask &task = (*r.plans)[p.job].stages[p.stage].tasks[p.task];
        *freeCore = CoreState{CoreState::Use::Task, task.info.taskId};
        task.info.core = core;
        task.info.launchTime = m_sim.now();
        task.info.finishTime = m_sim.now() + task.duration;
        const int runId = p.runId;
        const std::size_t job = p.job, stage = p.stage, ti = p.task;
        scheduleFor(runId, task.info.finishTime, EventPriority::TaskEnd, "task-end",
                    [this, runId, job, stage, ti, core] { onTaskEnd(runId, job, stage, ti, core); });
        // The queue may have been changed by onGranted; restart the scan from the front.
        it = m_queue.begin();
    }
}

void TaskScheduler::onTaskEnd(int runId, std::size_t job, std::size_t stage, std::size_t ti, int core)
{
    m_cores[static_cast<std::size_t>(core)] = CoreState{};
    Run &r = m_runs.at(runId);
    const PlannedStage &st = (*r.plans)[job].stages[stage];
    const TaskInfo info = st.tasks[ti].info;
    m_sim.notify([&](SimulationObserver &o) { o.onTaskEnd(info); });
    // A failed attempt's retry is pending from now on (TaskSetManager.handleFailedTask →
    // addPendingTask). Spark's pending lists are stacks, so the retry is the set's next task to
    // launch: it goes before the stage's tasks still waiting.
    for (std::size_t next = 0; info.failed && next < st.tasks.size(); ++next) {
        if (st.tasks[next].retryOf != static_cast<int>(ti)) continue;
        Pending p;
        p.runId = runId;
        p.job = job;
        p.stage = stage;
        p.task = next;
        auto at = std::find_if(m_queue.begin(), m_queue.end(), [&](const Pending &q) { return q.runId == runId; });
        m_queue.insert(at, std::move(p));
    }
    if (--r.tasksLeft == 0) finishStage(runId);
    dispatch();
}

void TaskScheduler::cancel(int runId)
{
    auto it = m_runs.find(runId);
    if (it == m_runs.end()) return;
    for (EventId e : it->second.pendingEvents) m_sim.cancel(e);
    m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(), [&](const Pending &p) { return p.runId == runId; }),
                  m_queue.end());
    // Free the cores of its running tasks.
    for (const auto &plan : *it->second.plans)
        for (const auto &s : plan.stages)
            for (const auto &t : s.tasks)
                for (auto &c : m_cores)
                    if (c.use == CoreState::Use::Task && c.id == t.info.taskId) c = CoreState{};
    m_runs.erase(it);
    dispatch();
}

void TaskScheduler::cancelAll()
{
    std::vector<int> ids;
    for (const auto &[id, r] : m_runs) ids.push_back(id);
    for (int id : ids) cancel(id);
}

} // namespace dsl
