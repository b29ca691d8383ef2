// TaskScheduler: places planned tasks and long-running receivers on the executor's cores in
// simulated time (FIFO, as Spark's default scheduling mode).
#pragma once

#include "eventqueue.h"
#include "simtime.h"
#include "sparkcontext.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace dsl {

class Simulation;

/// What a core is doing right now.
struct CoreState {
    enum class Use { Free, Task, Receiver };
    Use use = Use::Free;
    int id = -1; ///< task id or receiver stream id
};

/// Runs computed job plans against a fixed pool of cores. Receivers hold a core for as long as
/// they run, so `local[1]` with one receiver leaves no core for tasks: jobs wait forever.
class TaskScheduler {
public:
    TaskScheduler(Simulation &sim, int cores);

    int totalCores() const { return static_cast<int>(m_cores.size()); }
    const std::vector<CoreState> &cores() const { return m_cores; }
    /// Cores not held by receivers (what tasks can ever use).
    int coresForTasks() const;

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
    EventId scheduleFor(int runId, SimTime t, EventPriority p, const char *kind, std::function<void()> f);

    Simulation &m_sim;
    std::vector<CoreState> m_cores;
    std::deque<Pending> m_queue;
    std::map<int, Run> m_runs;
    int m_nextRun = 0;
};

} // namespace dsl
