// ReceiverInfo: a receiver as the dashboard sees it (a plain value, Spark's ReceiverInfo).
#pragma once

#include "simtime.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace dsl {

/// A receiver as the dashboard sees it.
struct ReceiverInfo {
    int streamId = 0;
    std::string name;        ///< "SocketReceiver"
    std::string location;    ///< "localhost:9999"
    bool active = false;
    int core = -1;
    std::optional<SimTime> startTime;
    std::string lastError;
    std::int64_t recordsReceived = 0;
    std::size_t inputLogAccepted = 0; ///< input log records accepted so far (for the nc panel)
    /// spark.streaming.receiver.maxRate in records per second; 0 when no limit is set.
    std::int64_t maxRate = 0;
};

} // namespace dsl
