// SparkContext: master and cores, configuration, RDD creation and actions (runJob).
#pragma once

#include "batchinfo.h"
#include "errors.h"
#include "rdd.h"
#include "sparkconf.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class CaptureRecorder;
class Simulation;
class TaskScheduler;

/// A task of a job as planned: its record and how long it runs (placed on cores later).
struct PlannedTask {
    TaskInfo info;
    Duration duration;
    /// A retry: the index (in its stage's tasks) of the failed attempt it follows. It is offered
    /// a core only when that attempt ends (TaskSetManager.addPendingTask on the failure).
    int retryOf = -1;
    /// An attempt launched again because its executor was lost while it ran: its partition is
    /// computed again when it is launched, so that the functions it runs (a foreachPartition's
    /// writes) run twice, as on a cluster (TaskSetManager.executorLost resubmits the task).
    bool computeAtLaunch = false;
};

/// A stage as planned: its tasks in partition order.
struct PlannedStage {
    StageInfo info;
    std::vector<PlannedTask> tasks;
    /// Computes the stage's partition again for a relaunched attempt (PlannedTask::
    /// computeAtLaunch); its records are dropped: the first attempt's stand (the engine's
    /// functions are deterministic, and the captured records are the first computation's).
    /// Holds the stage's RDD while the job runs; empty for a skipped stage.
    std::function<void(const TaskInfo &attempt)> recompute;
};

/// A Spark job whose data has been computed; its timing is placed on the cores by the
/// TaskScheduler. Stages are in execution (topological) order.
struct JobPlan {
    JobInfo info;
    std::vector<PlannedStage> stages;
    std::optional<std::string> failure;
};

/// Thrown by an action when a task failed spark.task.maxFailures times. message() is Spark's
/// "Job aborted due to stage failure: ..." text; cause() is the user error of the last attempt.
class JobAbortedException : public SparkException {
public:
    JobAbortedException(std::string msg, std::exception_ptr cause)
        : SparkException(std::move(msg)), m_cause(std::move(cause)) {}
    const std::exception_ptr &cause() const { return m_cause; }

private:
    std::exception_ptr m_cause;
};

/// Spark's SparkContext for local masters: "local" (1 core), "local[N]", "local[*]" (the
/// simulated host's cores), "local[N,F]" (F = task max failures), "local-cluster[W,C,M]".
class SparkContext {
public:
    /// Throws SparkException for a missing/unknown master or app name (Spark's messages).
    SparkContext(Simulation &sim, SparkConf conf);
    ~SparkContext();
    SparkContext(const SparkContext &) = delete;
    SparkContext &operator=(const SparkContext &) = delete;
    /// The executor's cores (receivers and tasks share them).
    TaskScheduler &taskScheduler() { return *m_taskScheduler; }

    Simulation &simulation() const { return m_sim; }
    const SparkConf &conf() const { return m_conf; }
    SparkConf &mutableConf() { return m_conf; }
    const std::string &master() const { return m_master; }
    std::string appName() const { return m_conf.get("spark.app.name", ""); }
    /// Cores of the local executor (LocalSchedulerBackend.totalCores).
    int totalCores() const { return m_cores; }
    /// spark.default.parallelism, else totalCores (LocalSchedulerBackend.defaultParallelism).
    int defaultParallelism() const;
    /// spark.task.maxFailures for local mode: 1 unless "local[N,F]".
    int maxTaskFailures() const { return m_maxFailures; }

    void setCheckpointDir(const std::string &dir) { m_checkpointDir = dir; }
    const std::optional<std::string> &checkpointDir() const { return m_checkpointDir; }

    bool isStopped() const { return m_stopped; }
    void stop();
    /// Throws IllegalStateException("Cannot call methods on a stopped SparkContext...").
    void assertNotStopped() const;

    int newRddId() { return m_nextRddId++; }
    int peekNextRddId() const { return m_nextRddId; }
    int newShuffleId() { return m_nextShuffleId++; }
    int newStageId() { return m_nextStageId++; }

    /// The call site recorded on new RDDs and DStreams ("map at wordcount.py:23"); the host
    /// (C++ test or Python bridge) sets it before creating them.
    const std::string &currentCallSite() const { return m_callSite; }
    void setCallSite(std::string site) { m_callSite = std::move(site); }

    RDDPtr parallelize(Records data, std::optional<int> numSlices = std::nullopt);
    RDDPtr emptyRDD();
    RDDPtr unionRDDs(const std::vector<RDDPtr> &rdds);

    // ---- Actions: each runs one or more jobs (data computed now, timing planned) ----
    /// Runs a job computing the given partitions of rdd; returns their records.
    std::vector<Records> runJob(const RDDPtr &rdd, const std::vector<int> &partitions, const std::string &callSite);
    Records collect(const RDDPtr &rdd);
    std::int64_t count(const RDDPtr &rdd);
    /// Spark's RDD.take: scans 1 partition, then grows by spark.rdd.limit.scaleUpFactor (4).
    Records take(const RDDPtr &rdd, std::int64_t num);
    bool isEmpty(const RDDPtr &rdd);

    /// While set, planned jobs go to this collector (the streaming job running them) instead of
    /// the context's own list of ad-hoc jobs.
    void setJobCollector(std::vector<JobPlan> *collector) { m_collector = collector; }
    std::vector<JobPlan> *jobCollector() const { return m_collector; }
    /// The streaming output operation whose function is running (-1: none); a fault's output=N
    /// selector matches it (faults.h).
    void setOutputOpId(int id) { m_outputOpId = id; }
    /// Jobs run outside streaming jobs (e.g. on the driver before start); most recent last.
    const std::vector<JobPlan> &adHocJobs() const { return m_adHocJobs; }

    /// Where computed partitions of DStream RDDs are recorded, or nullptr while no observer
    /// wants captures (SimulationObserver::wantsRddCapture): one pointer check per partition.
    CaptureRecorder *captureRecorder() const { return m_recorder.get(); }
    /// Asks the simulation's observers whether they want captures (and their limits), then
    /// starts, retunes or drops the recorder. Called at construction and by the JobScheduler
    /// before each batch's jobs are generated.
    void refreshCapture();

private:
    PlannedStage runStage(const RDDPtr &rdd, const Dependency *shuffleDep, const std::vector<int> &partitions,
                          int stageId, std::vector<Records> *results, JobPlan &plan);
    void planStages(const RDDPtr &rdd, std::vector<const Dependency *> &order, std::vector<int> &visitedRdds);

    Simulation &m_sim;
    SparkConf m_conf;
    std::string m_master;
    int m_cores = 1;
    int m_maxFailures = 1;
    int m_outputOpId = -1;
    std::optional<std::string> m_checkpointDir;
    bool m_stopped = false;
    int m_nextRddId = 0;
    int m_nextShuffleId = 0;
    int m_nextStageId = 0;
    int m_nextJobId = 0;
    long m_nextTaskId = 0;
    std::string m_callSite;
    std::vector<JobPlan> *m_collector = nullptr;
    std::vector<JobPlan> m_adHocJobs;
    std::unique_ptr<TaskScheduler> m_taskScheduler;
    std::unique_ptr<CaptureRecorder> m_recorder;
};

} // namespace dsl
