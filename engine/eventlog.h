// EventLog: the run's events as Spark's driver logs them (log4j lines of JobScheduler,
// DAGScheduler, TaskSetManager, ReceiverTracker, ReceivedBlockTracker and every line the engine
// logs itself), kept for the dashboard's Log tab: bounded (the oldest lines go first), in chunks
// that published snapshots share, each line linked to the batch it is about. Texts are Spark's
// (streaming/scheduler/JobScheduler.scala, scheduler/DAGScheduler.scala,
// scheduler/TaskSetManager.scala, streaming/scheduler/ReceiverTracker.scala,
// streaming/scheduler/ReceivedBlockTracker.scala); docs/runloop.md lists which events log what.
#pragma once

#include "observer.h"
#include "simtime.h"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

struct EventLogLine {
    SimTime time;
    LogLevel level = LogLevel::Info;
    std::string source;  ///< the logger's simple name: "JobScheduler"
    std::string message; ///< Spark's text
    std::optional<SimTime> batch; ///< the batch the line is about, when it is about one
};

/// An immutable view of the log: every line still held, oldest first.
struct EventLogSnapshot {
    std::vector<std::shared_ptr<const std::vector<EventLogLine>>> chunks;
    std::size_t dropped = 0; ///< lines logged before the first one held
    std::size_t size() const;
    const EventLogLine &at(std::size_t i) const; ///< i from 0 (the oldest held)
};

class EventLog : public SimulationObserver {
public:
    static constexpr std::size_t kChunkLines = 512;
    static constexpr std::size_t kDefaultMaxLines = 20000;

    explicit EventLog(std::size_t maxLines = kDefaultMaxLines);
    void clear();
    void add(EventLogLine line);
    std::size_t total() const { return m_total; } ///< every line ever added
    /// The lines held now; later additions never change what it shows.
    std::shared_ptr<const EventLogSnapshot> snapshot();

    /// The batch a logged message names ("... for time 1795514401000 ms", "job streaming job
    /// 1795514401000 ms.0"), if any.
    static std::optional<SimTime> batchNamedIn(const std::string &message);

    // SimulationObserver
    void onLog(SimTime t, LogLevel level, const std::string &source, const std::string &message) override;
    void onReceiverStarted(SimTime t, int streamId, int core) override;
    void onBlockGenerated(SimTime t, const BlockInfo &block) override;
    void onBatchSubmitted(const BatchInfo &info) override;
    void onBatchCompleted(const BatchInfo &info) override;
    void onOutputOperationStarted(const OutputOperationInfo &op) override;
    void onOutputOperationCompleted(const OutputOperationInfo &op) override;
    void onTaskEnd(const TaskInfo &task) override;
    void onJobCompleted(const JobInfo &job) override;

private:
    std::size_t m_max;
    std::vector<std::shared_ptr<const std::vector<EventLogLine>>> m_sealed;
    std::shared_ptr<std::vector<EventLogLine>> m_open; ///< copied before a change once published
    std::size_t m_dropped = 0;
    std::size_t m_total = 0;
    std::map<int, int> m_finishedInStage; ///< stage id -> tasks finished (TaskSetManager's k)
};

} // namespace dsl
