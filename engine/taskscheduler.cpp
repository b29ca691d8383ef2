// TaskScheduler: FIFO placement of tasks and receivers on cores, driven by simulation events.
#include "taskscheduler.h"

#include "costmodel.h"
#include "simulation.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace dsl {

namespace {
Duration nsToMs(std::int64_t ns)
{
    return Duration((ns + 999'999) / 1'000'000);
}

/// An attempt as Spark's TaskSetManager names it: "0.1 in stage 3.0" (index.attempt, stage.attempt).
std::string attemptName(const TaskInfo &t)
{
    return std::to_string(t.partition) + "." + std::to_string(t.attempt) + " in stage " + std::to_string(t.stageId) + ".0";
}

/// TaskSetManager.handleFailedTask's WARN line: "Lost task ${info.id} in stage ${taskSet.id}
/// (TID $tid) (${info.host} executor ${info.executorId}): ${reason.toErrorString}".
std::string lostTaskLine(const TaskInfo &t, const std::string &executor, const std::string &reason)
{
    return "Lost task " + attemptName(t) + " (TID " + std::to_string(t.taskId) + ") (localhost executor " + executor +
           "): " + reason;
}
} // namespace

TaskScheduler::TaskScheduler(Simulation &sim, int cores)
    : m_sim(sim), m_cores(static_cast<std::size_t>(cores)), m_running(m_cores.size())
{
    m_executors.push_back(ExecutorState{"driver"});
    m_local = true;
}

TaskScheduler::TaskScheduler(Simulation &sim, int executors, int coresPerExecutor)
    : m_sim(sim), m_cores(static_cast<std::size_t>(executors) * static_cast<std::size_t>(coresPerExecutor)),
      m_running(m_cores.size())
{
    for (int e = 0; e < executors; ++e) m_executors.push_back(ExecutorState{std::to_string(m_nextExecutorId++)});
    for (std::size_t c = 0; c < m_cores.size(); ++c) m_cores[c].executor = static_cast<int>(c) / coresPerExecutor;
}

int TaskScheduler::executorIndexFor(int n) const
{
    if (m_local) return n == 0 ? 0 : -1;
    const std::string id = std::to_string(n);
    for (std::size_t i = 0; i < m_executors.size(); ++i)
        if (m_executors[i].id == id) return static_cast<int>(i);
    return -1;
}

void TaskScheduler::queueNextOfRun(Pending p)
{
    const auto at = std::find_if(m_queue.begin(), m_queue.end(), [&](const Pending &q) { return q.runId == p.runId; });
    m_queue.insert(at, std::move(p));
}

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
    for (std::size_t c = 0; c < m_cores.size(); ++c)
        if (m_cores[c].use == CoreState::Use::Receiver && m_cores[c].id == streamId) freeCore(static_cast<int>(c));
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
        const int core = pickFreeCore();
        if (core < 0) return;
        auto freeCore = m_cores.begin() + core;
        Pending p = std::move(*it);
        it = m_queue.erase(it);
        if (p.runId < 0) {
            *freeCore = CoreState{CoreState::Use::Receiver, p.streamId, freeCore->executor};
            p.onGranted(core);
            continue;
        }
        Run &r = m_runs.at(p.runId);
        PlannedTask &task = (*r.plans)[p.job].stages[p.stage].tasks[p.task];
        const ExecutorState &ex = m_executors[static_cast<std::size_t>(freeCore->executor)];
        *freeCore = CoreState{CoreState::Use::Task, task.info.taskId, freeCore->executor};
        task.info.core = core;
        task.info.executor = ex.id;
        task.info.launchTime = m_sim.now();
        if (task.computeAtLaunch) relaunchCompute(p.runId, p.job, p.stage, p.task);
        // slow-executor: the straggler's tasks take factor times as long (whole ms, at least 1).
        const Duration ran = ex.slowFactor == 1 ? task.duration
                                                : Duration(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(
                                                                                         task.duration.ms() * ex.slowFactor))));
        task.info.finishTime = m_sim.now() + ran;
        const int runId = p.runId;
        const std::size_t job = p.job, stage = p.stage, ti = p.task;
        const EventId end = scheduleFor(runId, task.info.finishTime, EventPriority::TaskEnd, "task-end",
                                        [this, runId, job, stage, ti, core] { onTaskEnd(runId, job, stage, ti, core); });
        m_running[static_cast<std::size_t>(core)] = Running{runId, job, stage, ti, end};
        // The queue may have been changed by onGranted; restart the scan from the front.
        it = m_queue.begin();
    }
}

void TaskScheduler::relaunchCompute(int runId, std::size_t job, std::size_t stage, std::size_t ti)
{
    PlannedStage &st = (*m_runs.at(runId).plans)[job].stages[stage];
    if (!st.recompute) return;
    const TaskInfo info = st.tasks[ti].info;
    try {
        st.recompute(info);
    } catch (const std::exception &e) {
        // The relaunched attempt failed in its own function (a timeout, an error its first run
        // did not have): logged as TaskSetManager.handleFailedTask would, and the first attempt's
        // result stands (DStream Lab does not retry a relaunched attempt again).
        m_sim.log(LogLevel::Warn, "TaskSetManager", lostTaskLine(info, info.executor, e.what()));
    }
}

void TaskScheduler::onTaskEnd(int runId, std::size_t job, std::size_t stage, std::size_t ti, int core)
{
    freeCore(core);
    Run &r = m_runs.at(runId);
    const PlannedStage &st = (*r.plans)[job].stages[stage];
    const TaskInfo info = st.tasks[ti].info;
    m_sim.notify([&](SimulationObserver &o) { o.onTaskEnd(info); });
    // A failed attempt's retry is pending from now on (TaskSetManager.handleFailedTask →
    // addPendingTask), the set's next task to launch.
    for (std::size_t next = 0; info.failed && next < st.tasks.size(); ++next) {
        if (st.tasks[next].retryOf != static_cast<int>(ti)) continue;
        Pending p;
        p.runId = runId;
        p.job = job;
        p.stage = stage;
        p.task = next;
        queueNextOfRun(std::move(p));
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
    for (std::size_t c = 0; c < m_cores.size(); ++c)
        if (m_cores[c].use == CoreState::Use::Task && m_running[c].runId == runId) freeCore(static_cast<int>(c));
    m_runs.erase(it);
    dispatch();
}

int TaskScheduler::pickFreeCore() const
{
    std::vector<int> busy(m_executors.size(), 0);
    for (const auto &c : m_cores)
        if (c.use == CoreState::Use::Task || c.use == CoreState::Use::Receiver) ++busy[static_cast<std::size_t>(c.executor)];
    int best = -1;
    for (std::size_t c = 0; c < m_cores.size(); ++c) {
        if (m_cores[c].use != CoreState::Use::Free) continue;
        if (best < 0 || busy[static_cast<std::size_t>(m_cores[c].executor)] <
                            busy[static_cast<std::size_t>(m_cores[static_cast<std::size_t>(best)].executor)])
            best = static_cast<int>(c);
    }
    return best;
}

void TaskScheduler::freeCore(int core)
{
    CoreState &c = m_cores[static_cast<std::size_t>(core)];
    const bool alive = m_executors[static_cast<std::size_t>(c.executor)].alive;
    c = CoreState{alive ? CoreState::Use::Free : CoreState::Use::Lost, -1, c.executor};
    m_running[static_cast<std::size_t>(core)] = Running{};
}

bool TaskScheduler::killExecutor(int index, FaultReport &report)
{
    const auto alive = std::count_if(m_executors.begin(), m_executors.end(), [](const auto &e) { return e.alive; });
    if (m_local) {
        report.applied = false;
        report.effects.push_back("local mode runs its one executor inside the driver (executor driver): kill the "
                                 "driver with kill-driver, or use a local-cluster[E,C,M] master");
        return false;
    }
    if (index < 0 || static_cast<std::size_t>(index) >= m_executors.size() || !m_executors[static_cast<std::size_t>(index)].alive) {
        report.applied = false;
        report.effects.push_back("there is no live executor with that id");
        return false;
    }
    if (alive <= 1) {
        report.applied = false;
        report.effects.push_back("executor " + m_executors[static_cast<std::size_t>(index)].id +
                                 " is the only one alive; DStream Lab keeps one so that received blocks have a "
                                 "replica to survive on");
        return false;
    }
    ExecutorState &ex = m_executors[static_cast<std::size_t>(index)];
    ex.alive = false;
    ex.lostAt = m_sim.now();
    ++m_executorsVersion;
    const std::string reason = "Executor killed (" + report.description + ")";
    // TaskSchedulerImpl.executorLost: "Lost executor $executorId on $host: $reason"
    // (core/src/main/scala/org/apache/spark/scheduler/TaskSchedulerImpl.scala).
    m_sim.log(LogLevel::Error, "TaskSchedulerImpl", "Lost executor " + ex.id + " on localhost: " + reason);
    std::vector<int> lostReceivers;
    std::vector<std::string> rerunEffects;
    for (std::size_t c = 0; c < m_cores.size(); ++c) {
        CoreState &core = m_cores[c];
        if (core.executor != index) continue;
        if (core.use == CoreState::Use::Receiver) lostReceivers.push_back(core.id);
        if (core.use == CoreState::Use::Task) {
            const Running run = m_running[c];
            m_sim.cancel(run.endEvent);
            Run &r = m_runs.at(run.runId);
            PlannedStage &st = (*r.plans)[run.job].stages[run.stage];
            PlannedTask again = st.tasks[run.task];
            PlannedTask &lost = st.tasks[run.task];
            lost.info.failed = true;
            lost.info.executorLost = true;
            lost.info.finishTime = m_sim.now();
            // The attempt runs again as the next attempt of its partition; a failure planned for
            // it (an injected fail-task) and that failure's retry move along with it.
            const std::size_t againIndex = st.tasks.size();
            for (auto &t : st.tasks) {
                if (t.info.partition != lost.info.partition || t.info.attempt <= lost.info.attempt) continue;
                ++t.info.attempt;
                if (t.retryOf == static_cast<int>(run.task)) t.retryOf = static_cast<int>(againIndex);
            }
            again.info.taskId = m_newTaskId ? m_newTaskId() : lost.info.taskId;
            again.info.attempt = lost.info.attempt + 1;
            again.retryOf = -1;
            again.computeAtLaunch = true;
            const TaskInfo info = lost.info;
            st.tasks.push_back(again);
            ++r.tasksLeft;
            report.rerunTaskIds.push_back(info.taskId);
            {
                const JobPlan &jp = (*r.plans)[run.job];
                std::string where = jp.info.description;
                if (info.batchTime) where += (where.empty() ? "" : ", ") + ("batch " + std::to_string(info.batchTime->ms()) + " ms");
                rerunEffects.push_back("task " + attemptName(info) + (where.empty() ? "" : " (" + where + ")") +
                                       " runs again from lineage: what its functions write or print happens twice");
            }
            // TaskSetManager.handleFailedTask with ExecutorLostFailure.toErrorString; an executor
            // lost without the task's fault does not count towards spark.task.maxFailures.
            m_sim.log(LogLevel::Warn, "TaskSetManager",
                      lostTaskLine(info, ex.id,
                                   "ExecutorLostFailure (executor " + ex.id +
                                       " exited unrelated to the running tasks) Reason: " + reason));
            m_sim.notify([&](SimulationObserver &o) { o.onTaskEnd(info); });
            Pending p;
            p.runId = run.runId;
            p.job = run.job;
            p.stage = run.stage;
            p.task = againIndex;
            queueNextOfRun(std::move(p));
            --r.tasksLeft;
        }
        core = CoreState{CoreState::Use::Lost, -1, index};
        m_running[c] = Running{};
    }
    report.effects.push_back("executor " + ex.id + " lost");
    if (!report.rerunTaskIds.empty())
        report.effects.push_back(std::to_string(report.rerunTaskIds.size()) +
                                 " running task(s) lost with it, launched again on the other executors");
    report.effects.insert(report.effects.end(), rerunEffects.begin(), rerunEffects.end());
    m_sim.schedule(m_sim.now() + Duration(cost::executorRelaunchMs), EventPriority::ReceiverStart, "executor-relaunch",
                   [this, index, description = report.description, action = report.action] {
                       relaunchExecutor(index);
                       FaultReport back;
                       back.time = m_sim.now();
                       back.action = action;
                       back.description = description;
                       back.recoveredAt = m_sim.now();
                       back.effects.push_back("a new executor " + m_executors[static_cast<std::size_t>(index)].id +
                                              " took its place");
                       m_sim.notify([&](SimulationObserver &o) { o.onFault(back); });
                   });
    for (int streamId : lostReceivers)
        if (m_receiverLost) m_receiverLost(streamId);
    dispatch();
    return true;
}

void TaskScheduler::relaunchExecutor(int index)
{
    // The standalone Worker relaunches a lost executor (ExecutorRunner's exit, then the Master
    // schedules a new one for the application): a new executor id, the same cores.
    ExecutorState &ex = m_executors[static_cast<std::size_t>(index)];
    const std::string old = ex.id;
    ex.id = std::to_string(m_nextExecutorId++);
    ex.alive = true;
    ex.lostAt.reset();
    ++m_executorsVersion;
    for (auto &c : m_cores)
        if (c.executor == index) c = CoreState{CoreState::Use::Free, -1, index};
    m_sim.trace("executor-added", "executor " + ex.id + " replaces " + old);
    m_sim.log(LogLevel::Info, "DStreamLab", "Executor " + ex.id + " launched in place of lost executor " + old);
    dispatch();
}

bool TaskScheduler::slowExecutor(int index, double factor, FaultReport &report)
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_executors.size() || !m_executors[static_cast<std::size_t>(index)].alive) {
        report.applied = false;
        report.effects.push_back(m_local
                                     ? "local mode has one executor, 'driver': name it as executor 0"
                                     : "there is no live executor with that index");
        return false;
    }
    ExecutorState &ex = m_executors[static_cast<std::size_t>(index)];
    ex.slowFactor = factor;
    std::ostringstream o;
    o << "tasks launched on executor " << ex.id << " from now on take " << factor << " times as long";
    report.effects.push_back(o.str());
    return true;
}

void TaskScheduler::cancelAll()
{
    std::vector<int> ids;
    for (const auto &[id, r] : m_runs) ids.push_back(id);
    for (int id : ids) cancel(id);
}

} // namespace dsl
