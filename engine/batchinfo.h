// Plain value records of what happened: Spark's BatchInfo, OutputOperationInfo, StreamInputInfo,
// plus the block and job records the dashboard shows. These cross the engine boundary by copy.
#pragma once

#include "simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

/// Spark's StreamInputInfo: what one input stream contributed to a batch.
struct StreamInputInfo {
    int inputStreamId = 0;
    std::int64_t numRecords = 0;
    std::string description; ///< e.g. block ids or file names, for the UI
    /// Backpressure: the stream's RateController rate (records/s, RateController.getLatestRate)
    /// when the batch was generated; nullopt without backpressure, for streams Spark gives no
    /// controller, and before the estimator's first rate. Not part of Spark's StreamInputInfo.
    std::optional<std::int64_t> estimatedRate;
};

/// Spark's OutputOperationInfo (streaming/ui): one output operation of a batch.
struct OutputOperationInfo {
    SimTime batchTime;
    int id = 0;                  ///< output operation index, in definition order
    std::string name;            ///< e.g. "foreachRDD at wordcount.py:25"
    std::string description;     ///< the call site
    std::optional<SimTime> startTime;
    std::optional<SimTime> endTime;
    std::optional<std::string> failureReason;
    std::vector<int> jobIds;     ///< Spark jobs run by this output operation
    std::optional<Duration> duration() const
    {
        if (startTime && endTime) return *endTime - *startTime;
        return std::nullopt;
    }
};

/// Spark's BatchInfo (streaming/scheduler/BatchInfo.scala). All times are simulated ms.
struct BatchInfo {
    SimTime batchTime;
    std::map<int, StreamInputInfo> streamIdToInputInfo;
    SimTime submissionTime;
    std::optional<SimTime> processingStartTime;
    std::optional<SimTime> processingEndTime;
    std::map<int, OutputOperationInfo> outputOperationInfos;

    /// processingStartTime - submissionTime (BatchInfo.schedulingDelay).
    std::optional<Duration> schedulingDelay() const
    {
        if (processingStartTime) return *processingStartTime - submissionTime;
        return std::nullopt;
    }
    /// processingEndTime - processingStartTime (BatchInfo.processingDelay).
    std::optional<Duration> processingDelay() const
    {
        if (processingStartTime && processingEndTime) return *processingEndTime - *processingStartTime;
        return std::nullopt;
    }
    /// schedulingDelay + processingDelay (BatchInfo.totalDelay).
    std::optional<Duration> totalDelay() const
    {
        auto s = schedulingDelay();
        auto p = processingDelay();
        if (s && p) return *s + *p;
        return std::nullopt;
    }
    std::int64_t numRecords() const
    {
        std::int64_t n = 0;
        for (const auto &[id, info] : streamIdToInputInfo) n += info.numRecords;
        return n;
    }
    bool isCompleted() const { return processingEndTime.has_value(); }
    bool hasFailure() const
    {
        for (const auto &[id, op] : outputOperationInfos)
            if (op.failureReason) return true;
        return false;
    }
};

/// One block cut by a BlockGenerator.
struct BlockInfo {
    std::string blockId;   ///< "input-<streamId>-<time - blockInterval>"
    int streamId = 0;
    SimTime time;          ///< when the block was cut
    std::int64_t numRecords = 0;
    std::optional<SimTime> allocatedToBatch;
    /// The InputLog indices of its first and last record (a socket receiver's lines; -1: unknown).
    std::int64_t firstInput = -1;
    std::int64_t lastInput = -1;
    /// A block of the stopped driver, named by the received block log after a restart: read
    /// back from the write-ahead log (replayed), or gone with the old executors' memory (lost;
    /// numRecords is then what the log recorded).
    bool replayed = false;
    bool lost = false;
};

/// One task as it ran on a core, for the timeline and the batch detail views.
struct TaskInfo {
    int taskId = 0;
    int stageId = 0;
    int partition = 0;
    int attempt = 0;
    int core = 0;
    /// The executor whose core ran it: "driver" in local mode, "0", "1", ... on a local-cluster.
    std::string executor = "driver";
    /// Lost with its executor (ExecutorLostFailure): it ran again elsewhere; `failed` is set too.
    bool executorLost = false;
    SimTime launchTime;
    SimTime finishTime;
    std::int64_t recordsRead = 0;
    bool failed = false;
    int stageNumTasks = 0; ///< tasks of its stage (TaskSetManager's "(k/n)")
    std::optional<SimTime> batchTime; ///< the streaming batch whose RDD it computes, if any
};

/// One stage of a Spark job.
struct StageInfo {
    int stageId = 0;
    std::string name;              ///< "reduceByKey at wordcount.py:24"
    bool isShuffleMap = false;
    int numTasks = 0;
    std::vector<int> parentIds;
    bool skipped = false;          ///< its shuffle output already existed
    std::optional<std::string> failureReason;
    std::optional<SimTime> submissionTime;
    std::optional<SimTime> completionTime;
};

/// One Spark job (an action).
struct JobInfo {
    int jobId = 0;
    std::string description;       ///< e.g. "runJob at PythonRDD.scala:153" or the action's call site
    std::optional<SimTime> batchTime;
    int outputOpId = -1;
    std::vector<StageInfo> stages;
    std::vector<TaskInfo> tasks;
    std::optional<SimTime> submissionTime;
    std::optional<SimTime> completionTime;
    bool succeeded = false;
};

/// What an injected cluster fault did (faults.h, ClusterFault), for the dashboard's per-batch
/// fault view and the trace: what was lost, what ran again, when the part came back.
struct FaultReport {
    SimTime time;
    std::string action;      ///< "kill-receiver 0"
    std::string description; ///< "kill-receiver 0 at 3.5 s (faults.tsv line 2)"
    bool applied = true;     ///< false: nothing to act on (the reason is in effects)
    /// One sentence per consequence, in order ("receiver 0 lost 3 buffered records").
    std::vector<std::string> effects;
    /// The input-log indices of the records lost (a socket receiver's buffered lines).
    std::vector<std::int64_t> lostInputs;
    std::int64_t lostRecords = 0;   ///< records lost, counted even when their lines are unknown
    std::vector<int> rerunTaskIds;  ///< task attempts lost with an executor, run again
    std::optional<SimTime> recoveredAt; ///< the receiver or executor back (set when known)
};

} // namespace dsl
