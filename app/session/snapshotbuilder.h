// SnapshotBuilder: on the program's thread, turns the live engine into RunSnapshot values.
#pragma once

#include "rddinspector.h"

#include "engine/inputlog.h"
#include "engine/observer.h"
#include "runsnapshot.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace dsl {
class Simulation;
class StreamingContext;
} // namespace dsl

namespace dsl::session {

/// Observes one Simulation (attach after each PythonRuntime::reset) and keeps the value state
/// the dashboard needs: batches with their blocks and one RDD box per DStream, the program's
/// output, the input log in shared chunks. Only the program's thread calls it; snapshot()
/// hands out immutable values that share unchanged parts with the previous ones.
class SnapshotBuilder : public SimulationObserver {
public:
    /// inspect runs a recomputation so that it leaves no trace (PythonRuntime::inspect).
    using InspectFn = std::function<void(const std::function<void()> &)>;
    explicit SnapshotBuilder(InspectFn inspect, RddInspector::Limits limits = {});

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
    int completedBatches() const { return m_completed; }
    std::optional<SimTime> firstBatchTime() const { return m_firstBatch; }
    Duration batchInterval() const { return m_batchInterval; }
    bool dirty() const { return m_dirty; }

    /// The current state as an immutable value (clears dirty()).
    RunSnapshotPtr snapshot(RunPhase phase, SimTime startTime, SimTime clock);

    // SimulationObserver
    void onOutput(SimTime, const std::string &text) override;
    void onStreamingStateChanged(SimTime, StreamingState s) override;
    void onBatchCompleted(const BatchInfo &) override;
    void onBlockGenerated(SimTime, const BlockInfo &) override { m_dirty = true; }
    void onReceiverStarted(SimTime, int, int) override { m_dirty = true; }

private:
    void rebuildInput(std::size_t fromIndex);
    void updateStreams(StreamingContext &ssc);
    std::shared_ptr<const BatchSnapshot> buildBatch(StreamingContext &ssc, const BatchInfo &info, bool evaluate);

    InspectFn m_inspect;
    RddInspector m_inspector;
    Simulation *m_sim = nullptr;
    const InputLog *m_log = nullptr;
    StreamingContext *m_ssc = nullptr;
    std::uint64_t m_serial = 0;
    bool m_dirty = true;

    std::vector<StreamSnapshot> m_streams;
    std::map<SimTime, std::shared_ptr<const BatchSnapshot>> m_batches;
    std::optional<SimTime> m_frozenUpTo; ///< batches up to here are completed and evaluated
    int m_completed = 0;
    std::optional<SimTime> m_firstBatch;
    Duration m_batchInterval{1000};
    Duration m_blockInterval{200};
    std::string m_master;
    int m_cores = 0;
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
    std::optional<SimTime> m_pinned;            ///< ... except this one (the selected batch)
    std::shared_ptr<const InputLogSnapshot> m_input;

    std::shared_ptr<const std::string> m_console;
    std::string m_stderr;
    std::string m_errorText;
    int m_errorLine = 0;
};

/// The line of the last traceback frame in `fileName` ("File "x.py", line 12"), 0 if none.
int errorLineOf(const std::string &traceback, const std::string &fileName);

} // namespace dsl::session
