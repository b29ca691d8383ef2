// EngineSnapshot: one plain-value copy of the simulator's observable state (docs/conventions.md §3, §4).
#pragma once

#include "batchinfo.h"
#include "jobscheduler.h"
#include "observer.h"
#include "simtime.h"
#include "taskscheduler.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace dsl {

/// What a host may read between steps, by value: nothing in it points into the engine.
/// Taken with Simulation::snapshot(); cost is linear in the retained batches and blocks.
struct EngineSnapshot {
    SimTime now;
    std::uint64_t fingerprint = 0;
    std::uint64_t traceCount = 0;
    std::size_t pendingEvents = 0;        ///< live events in the queue
    std::size_t inputLogRecords = 0;      ///< every line ever fed to the input log
    /// The active (or, once stopped, the last started) StreamingContext's state; empty before one starts.
    std::optional<StreamingState> streamingState;
    Duration batchDuration{0};
    std::vector<BatchInfo> batches;       ///< waiting, running and retained completed, time order
    std::vector<ReceiverInfo> receivers;
    std::vector<BlockInfo> recentBlocks;
    std::vector<CoreState> cores;         ///< the executor's cores, what each is doing now
    std::size_t waitingBatches = 0;
    std::optional<SimTime> lastCompletedBatch;
};

} // namespace dsl
