// TaskScheduler: places planned tasks and long-running receivers on the executor's cores in
// simulated time (FIFO, as Spark's default scheduling mode).
#pragma once

#include "batchinfo.h"
#include "eventqueue.h"
#include "simtime.h"
#include "sparkcontext.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class Simulation;

/// What a core is doing right now.
struct CoreState {
    enum class Use { Free, Task, Receiver, Lost };
    Use use = Use::Free;
    int id = -1;       ///< task id or receiver stream id
    int executor = 0;  ///< index in TaskScheduler::executors()
};

/// One executor: "driver" in local mode (every core), "0", "1", ... on a local-cluster master.
struct ExecutorState {
    std::string id;
    bool alive = true;
    double slowFactor = 1; ///< slow-executor: its tasks take this many times as long
    std::optional<SimTime> lostAt;
};

/// Runs computed job plans against a fixed pool of cores. Receivers hold a core for as long as
/// they run, so `local[1]` with one receiver leaves no core for tasks: jobs wait forever.
class TaskScheduler {
public:
    /// Local mode: one executor, "driver", with every core (LocalSchedulerBackend).
    TaskScheduler(Simulation &sim, int cores);
    /// local-cluster[executors, coresPerExecutor, memory]: executors "0", "1", ..., each with its
    /// cores, core c belonging to executor c / coresPerExecutor.
    TaskScheduler(Simulation &sim, int executors, int coresPerExecutor);

    int totalCores() const { return static_cast<int>(m_cores.size()); }
    const std::vector<CoreState> &cores() const { return m_cores; }
    const std::vector<ExecutorState> &executors() const { return m_executors; }
    /// Cores not held by receivers (what tasks can ever use).
    int coresForTasks() const;
    /// Task ids for attempts launched again after an executor loss (SparkContext's counter).
    void setTaskIdSource(std::function<int()> next) { m_newTaskId = std::move(next); }
    /// Told the stream id of every receiver whose core was on a lost executor (JobScheduler
    /// launches it again).
    void setReceiverLostHandler(std::function<void(int streamId)> f) { m_receiverLost = std::move(f); }

    /// Local mode: the one executor is the driver.
    bool isLocal() const { return m_local; }
    /// The executor slot a fault's `kill-executor N` / `slow-executor N` names: the executor
    /// whose current id is N, or in local mode slot 0 for N = 0 (the driver's executor); -1.
    int executorIndexFor(int n) const;
    /// Bumped whenever an executor is lost or launched, so a host can tell the list changed
    /// without comparing it.
    std::uint64_t executorsVersion() const { return m_executorsVersion; }
    /// kill-executor: the executor's running tasks fail with ExecutorLostFailure and are offered
    /// to the other cores again as new attempts; its receivers are reported lost; its cores take
    /// nothing until the Worker has launched a new executor (cost::executorRelaunchMs, with the
    /// next executor id). Fills report's effects and rerunTaskIds; false (with the reason in
    /// effects) when there is no such live executor or it is the last one alive.
    bool killExecutor(int index, FaultReport &report);
    /// slow-executor: tasks launched on it from now on take `factor` times as long.
    bool slowExecutor(int index, double factor, FaultReport &report);

    /// Queues a receiver for a core; onGranted(core) runs when it gets one (maybe immediately).
    void requestReceiverCore(int streamId, std::function<void(int core)> onGranted);
    void releaseReceiverCore(int streamId);

    /// Runs the plans one after another (driver code runs its actions sequentially), filling in
    /// their timing; onDone runs (inside the event of the last task's end) when all are done.
    /// Returns a handle for cancel().
    int run(std::shared_ptr<std::vector<JobPlan>> plans, std::function<void()> onDone);
    /// Abandons a run: its queued tasks are dropped and running ones free their cores at once.
    void cancel(int runId);
    bool isRunning(int runId) const { return m_runs.count(runId) != 0; }
    void cancelAll();

private:
    struct Run {
        std::shared_ptr<std::vector<JobPlan>> plans;
        std::function<void()> onDone;
        std::size_t job = 0;
        std::size_t stage = 0;
        int tasksLeft = 0;
        std::vector<EventId> pendingEvents;
    };
    struct Running {
        int runId = -1;
        std::size_t job = 0, stage = 0, task = 0;
        EventId endEvent = 0;
    };
    struct Pending {
        int runId = -1;         ///< -1: a receiver waiting for a core
        std::size_t job = 0, stage = 0, task = 0;
        int streamId = -1;
        std::function<void(int)> onGranted;
    };

    void startJob(int runId);
    void startStage(int runId);
    void finishStage(int runId);
    void dispatch();
    void onTaskEnd(int runId, std::size_t job, std::size_t stage, std::size_t task, int core);
    /// A relaunched attempt (PlannedTask::computeAtLaunch) computes its partition again.
    void relaunchCompute(int runId, std::size_t job, std::size_t stage, std::size_t task);
    EventId scheduleFor(int runId, SimTime t, EventPriority p, const char *kind, std::function<void()> f);

    void relaunchExecutor(int index);
    /// A free core of a live executor: on the executor with the fewest busy cores (ties: the
    /// first), so that a local-cluster's tasks spread as TaskSchedulerImpl.resourceOffers
    /// spreads them round-robin over the executors' offers. -1 when none is free.
    int pickFreeCore() const;
    /// The core takes work again (or stays lost while its executor is).
    void freeCore(int core);
    /// Offers p's task before the other queued tasks of its run: Spark's pending lists are
    /// stacks, so a task put back (a retry, a task lost with its executor) launches next.
    void queueNextOfRun(Pending p);

    Simulation &m_sim;
    std::vector<CoreState> m_cores;
    std::vector<Running> m_running; ///< per core: the task attempt it runs (when Use::Task)
    std::vector<ExecutorState> m_executors;
    bool m_local = false;
    int m_nextExecutorId = 0;
    std::uint64_t m_executorsVersion = 0;
    std::function<int()> m_newTaskId;
    std::function<void(int)> m_receiverLost;
    std::deque<Pending> m_queue;
    std::map<int, Run> m_runs;
    int m_nextRun = 0;
};

} // namespace dsl
