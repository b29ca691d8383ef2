// SimulationObserver: the one narrow interface through which the engine reports what happens.
#pragma once

#include "batchinfo.h"
#include "simtime.h"

#include <string>

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

/// Callbacks with empty defaults (STYLE item 3). Called on the host's thread from inside
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
};

} // namespace dsl
