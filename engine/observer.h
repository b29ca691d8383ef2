// SimulationObserver: the one narrow interface through which the engine reports what happens.
#pragma once

#include "batchinfo.h"
#include "rddcapture.h"
#include "simtime.h"

#include <string>
#include <vector>

namespace dsl {

enum class LogLevel { Debug, Info, Warn, Error };

/// Streaming context states (StreamingContextState).
enum class StreamingState { INITIALIZED, ACTIVE, STOPPED };

inline const char *toString(StreamingState s)
{
    switch (s) {
    case StreamingState::INITIALIZED: return "INITIALIZED";
    case StreamingState::ACTIVE: return "ACTIVE";
    case StreamingState::STOPPED: return "STOPPED";
    }
    return "?";
}

/// Callbacks with empty defaults (docs/conventions.md §2). Called on the host's thread from inside
/// Simulation::step(); arguments are values, valid only during the call unless copied.
class SimulationObserver {
public:
    virtual ~SimulationObserver() = default;
    virtual void onLog(SimTime, LogLevel, const std::string & /*source*/, const std::string & /*message*/) {}
    /// Text the program prints through the engine (pprint/print output), with trailing newline.
    virtual void onOutput(SimTime, const std::string & /*text*/) {}
    virtual void onStreamingStateChanged(SimTime, StreamingState) {}
    virtual void onReceiverStarted(SimTime, int /*streamId*/, int /*core*/) {}
    virtual void onBlockGenerated(SimTime, const BlockInfo &) {}
    virtual void onBatchSubmitted(const BatchInfo &) {}
    virtual void onBatchStarted(const BatchInfo &) {}
    virtual void onBatchCompleted(const BatchInfo &) {}
    virtual void onOutputOperationStarted(const OutputOperationInfo &) {}
    virtual void onOutputOperationCompleted(const OutputOperationInfo &) {}
    virtual void onJobCompleted(const JobInfo &) {}
    virtual void onTaskEnd(const TaskInfo &) {}
    /// An injected cluster fault fired (faults.h); a second report with recoveredAt follows when
    /// the part it killed is back.
    virtual void onFault(const FaultReport &) {}

    // ---- what jobs computed (RddCapture) ----
    /// True asks the engine to record what its jobs compute for every DStream's RDD (see
    /// CaptureRecorder) and to call onRddsCaptured. Read when the SparkContext is created and
    /// before each batch's jobs are generated, so an observer added mid-run starts seeing the
    /// next batch. While no observer wants it, recording costs one pointer check per partition.
    virtual bool wantsRddCapture() const { return false; }
    /// Bounds of what a capture keeps; with several capturing observers the largest of each.
    virtual CaptureLimits rddCaptureLimits() const { return {}; }
    /// Called right before onBatchCompleted of each batch while capturing, with every capture
    /// that changed since the previous call: the batch's own RDDs (each of them, computed or
    /// not) and RDDs of earlier batches that this batch's jobs computed (a window reading its
    /// parent's older RDDs). Each capture names its own batchTime and streamId; ordered by
    /// (batchTime, streamId, rddId).
    virtual void onRddsCaptured(const std::vector<RddCapture> & /*captures*/) {}
};

} // namespace dsl
