// SnapshotBuilder: on the program's thread, folds the engine's observer values into the history
// of batches and hands it out as RunSnapshot values.
#pragma once

#include "runsnapshot.h"

#include "engine/eventlog.h"
#include "engine/inputlog.h"
#include "engine/kafkabroker.h"
#include "engine/rddcapture.h"
#include "engine/observer.h"
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace dsl {
class Simulation;
class StreamingContext;
class TaskScheduler;
} // namespace dsl

namespace dsl::session {

/// How much of the history is kept (spark.streaming.ui.retainedBatches for the first).
struct HistoryRetention {
    std::size_t retained = 1000; ///< batches kept in full detail
    std::size_t kept = 4000;     ///< batches kept at all (older summaries are dropped)
    /// Batches that keep where their records came from (RddBoxSnapshot::origins, for
    /// provenance): older full batches drop it, as it can cost more than the rest of a batch.
    std::size_t traced = 100;
};

/// Observes one Simulation (attach after each PythonRuntime::reset) and keeps the history of
/// batches the dashboard reads: per batch its BatchInfo, blocks, one RDD box per DStream with
/// what the batch's jobs computed (the engine's RddCapture: nothing is ever recomputed for
/// display and no user function runs twice), the word counts, the console offset and input
/// accepted when it completed; plus the program's output and the input log in shared chunks.
/// Retention as Spark's UI (spark.streaming.ui.retainedBatches): the newest `retained`
/// batches in full, older ones as summaries (timing and counts), at most `kept` in all, so
/// memory is flat in run length. Only the program's thread calls it; snapshot() hands out
/// immutable values that share unchanged parts with the previous ones.
class SnapshotBuilder : public SimulationObserver {
public:
    explicit SnapshotBuilder(CaptureLimits limits = {}, HistoryRetention retention = {});

    /// Forgets the previous run and observes sim (its input log must already be filled);
    /// without a sim (a run not started yet) shows `idleLog`.
    void attach(Simulation *sim, const InputLog &idleLog);
    void detach();
    /// Catches up with the engine: new and changed batches, records of completed batches,
    /// receivers, pending blocks. Call between events (never while the engine dispatches).
    void update();
    /// Input log record `index` was inserted (lines typed while the run goes on).
    void inputInserted(std::size_t index);
    /// Text the program wrote to stderr (tracebacks, Spark's WARN/ERROR log lines).
    void appendStderr(const std::string &text);
    void setError(const std::string &text, int line);

    /// The selected batch: kept with its records when older batches become summaries.
    void setPinned(std::optional<SimTime> batchTime);
    /// Reads the program's database when a batch completes (on the program's thread, between
    /// the batch's last task and the next event), given the batch before's capture to share
    /// unchanged rows with. Set by the session; none: no database view.
    using DatabaseProbe = std::function<DatabaseSnapshotPtr(SimTime batchTime, const DatabaseSnapshot *previous)>;
    void setDatabaseProbe(DatabaseProbe probe, std::string path, bool onServer = false)
    {
        m_dbProbe = std::move(probe);
        m_dbPath = std::move(path);
        m_dbOnServer = onServer;
    }
    /// The run this builder shows (RunSnapshot::runId): set at each attach.
    void setRunId(std::uint64_t id) { m_runId = id; }
    /// The restarted driver's recovery so far, copied into every snapshot (null: none).
    void setRecovery(std::shared_ptr<const RecoveryReport> r)
    {
        m_recovery = std::move(r);
        m_dirty = true;
    }
    int completedBatches() const { return m_completed; }
    std::optional<SimTime> firstBatchTime() const { return m_firstBatch; }
    Duration batchInterval() const { return m_batchInterval; }
    /// Something changed since the last snapshot(): the builder's own state or the event log.
    bool dirty() const { return m_dirty || m_events.total() != m_eventsPublished; }

    /// The current state as an immutable value (clears dirty()).
    RunSnapshotPtr snapshot(RunPhase phase, SimTime startTime, SimTime clock);

    // SimulationObserver
    void onOutput(SimTime, const std::string &text) override;
    void onStreamingStateChanged(SimTime, StreamingState s) override;
    void onBatchCompleted(const BatchInfo &) override;
    void onBlockGenerated(SimTime, const BlockInfo &) override { m_dirty = true; }
    void onReceiverStarted(SimTime, int, int) override { m_dirty = true; }
    /// Keeps the newest kMaxFaults fault reports (engine/faults.h) for the views.
    void onFault(const FaultReport &report) override;
    void onJobCompleted(const JobInfo &job) override;
    bool wantsRddCapture() const override { return true; }
    CaptureLimits rddCaptureLimits() const override { return m_limits; }
    void onRddsCaptured(const std::vector<RddCapture> &captures) override;

    /// A capture as the box the timeline draws (records of every computed partition, in order).
    static RddBoxSnapshot boxOf(const RddCapture &c);

private:
    void rebuildInput(std::size_t fromIndex);
    void updateStreams(StreamingContext &ssc);
    std::shared_ptr<const BatchSnapshot> buildBatch(StreamingContext &ssc, const BatchInfo &info);
    void applyCounts(BatchSnapshot &b);
    void retain();

    CaptureLimits m_limits;
    HistoryRetention m_retention;
    std::uint64_t m_runId = 0;
    std::shared_ptr<const RecoveryReport> m_recovery;
    /// What the jobs computed, per batch and stream, until the batch leaves full detail.
    struct Captured {
        RddBoxSnapshot box;
        bool numericPairs = false; ///< (str key, number) records: what the word counts read
        std::vector<KeyCount> keyValues;
    };
    std::map<SimTime, std::map<int, Captured>> m_captured;
    /// Batches whose snapshot must be rebuilt (new captures or completion).
    std::set<SimTime> m_stale;
    std::map<SimTime, std::pair<std::size_t, std::size_t>> m_completionMarks; ///< console end, input accepted
    DatabaseProbe m_dbProbe;
    std::string m_dbPath;
    bool m_dbOnServer = false;
    std::map<SimTime, DatabaseSnapshotPtr> m_databases; ///< captured at completion, until built
    struct KafkaCapture {
        std::shared_ptr<const std::vector<KafkaPartitionSnapshot>> partitions;
        std::shared_ptr<const std::vector<KafkaMessageSnapshot>> messages;
    };
    std::map<SimTime, KafkaCapture> m_kafka; ///< likewise
    /// Each batch's jobs so far (BatchSnapshot::jobs), until the batch leaves full detail.
    std::map<SimTime, std::shared_ptr<const std::vector<JobInfo>>> m_jobs;
    /// Per partition read, the log end offset up to which its messages were captured.
    std::map<kafka::TopicPartition, std::int64_t> m_kafkaCapturedEnd;
    /// Per receiver stream and partition, its consumer's position at the previous capture.
    std::map<std::pair<int, kafka::TopicPartition>, std::int64_t> m_kafkaReceiverFrom;
    /// The batch's Kafka offset ranges, the broker's watermarks and the group's commits, and the
    /// messages appended since the previous capture (onBatchCompleted).
    KafkaCapture captureKafka(SimTime batchTime);
    DatabaseSnapshotPtr m_lastDatabase;                 ///< the newest capture (rows shared from it)
    Simulation *m_sim = nullptr;
    const InputLog *m_log = nullptr;
    StreamingContext *m_ssc = nullptr;
    std::uint64_t m_serial = 0;
    bool m_dirty = true;

    std::vector<StreamSnapshot> m_streams;
    BatchHistory m_batches;
    std::optional<SimTime> m_frozenUpTo; ///< batches up to here are completed and rebuilt
    int m_completed = 0;
    std::optional<SimTime> m_firstBatch;
    Duration m_batchInterval{1000};
    Duration m_blockInterval{200};
    std::string m_master;
    int m_cores = 0;
    std::vector<std::string> m_executors;
    /// The scheduler and TaskScheduler::executorsVersion m_executors was read from.
    const TaskScheduler *m_executorsOf = nullptr;
    std::uint64_t m_executorsVersion = 0;
    std::vector<FaultReport> m_faults;
    StreamingState m_state = StreamingState::INITIALIZED;
    bool m_hasContext = false;
    std::vector<ReceiverInfo> m_receivers;
    std::vector<BlockInfo> m_pendingBlocks;
    /// The streams the word counts read, once chosen (-1: none yet): this batch's, the totals'.
    struct CountStreamIds {
        int batch = -1;
        int total = -1;
    } m_countStreams;

    std::vector<std::shared_ptr<const std::vector<InputLineSnapshot>>> m_inputChunks;
    std::size_t m_inputSize = 0;
    std::size_t m_firstInputChunk = 0;          ///< global chunk index of m_inputChunks[0]
    std::optional<SimTime> m_summarizedUpTo;    ///< batches up to here keep summaries only
    std::optional<SimTime> m_untracedUpTo; ///< newest batch whose origins retain() dropped
    std::optional<SimTime> m_pinned;            ///< ... except this one (the selected batch)
    std::shared_ptr<const InputLogSnapshot> m_input;

    std::shared_ptr<std::string> m_console; ///< shared with published snapshots: copied before a change then
    std::size_t m_consoleTotal = 0; ///< everything printed, counted from the run's start
    std::string m_stderr;
    EventLog m_events;                 ///< observes the run beside the builder (RunSnapshot::events)
    std::size_t m_eventsPublished = 0; ///< its lines in the last snapshot()
    std::string m_errorText;
    int m_errorLine = 0;
};

/// The line of the last traceback frame in `fileName` ("File "x.py", line 12"), 0 if none.
int errorLineOf(const std::string &traceback, const std::string &fileName);

} // namespace dsl::session
