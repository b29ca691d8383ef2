// JobScheduler::Receiver: what the scheduler keeps per receiver (its stream, the consumer or
// connection it reads through, its buffer and blocks), shared by jobscheduler.cpp and
// jobschedulerreceivers.cpp.
#pragma once

#include "eventqueue.h"
#include "inputdstreams.h"
#include "jobscheduler.h"
#include "kafkareceiver.h"
#include "ratelimiter.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace dsl {

/// How many of the newest blocks JobScheduler::recentBlocks keeps.
inline constexpr std::size_t kRecentBlocks = 2000;

struct JobScheduler::Receiver {
    std::shared_ptr<ReceiverInputDStream> stream;
    SocketInputDStream *socket = nullptr;    ///< a socket receiver's stream, or
    std::unique_ptr<KafkaConsumer> consumer; ///< a Kafka receiver's consumer
    EventId commitEvent = 0;                 ///< its next auto commit
    std::size_t infoIndex = 0;
    bool connected = false;
    bool stopped = false;
    /// The port follows a recorded real server (InputLog::followServer): its Server records, not
    /// the simulated `nc -lk`, decide when the receiver is connected.
    bool following = false;
    bool serverUp = false; ///< following: the last Server record said connected
    SimTime connectTime;
    std::size_t nextLog = 0;
    std::int64_t nextFreeUs = INT64_MIN;
    RateLimiter rateLimiter; // spark.streaming.receiver.maxRate, backpressure's rate
    Duration blockInterval{200};
    Records buffer;
    std::vector<std::int64_t> bufferOrigins; ///< the input-log index of each buffered line (sockets)
    std::vector<BlockPtr> unallocated;
    EventId blockEvent = 0;
    EventId retryEvent = 0;
};

} // namespace dsl
