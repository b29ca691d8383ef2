// A receiver's rate limit: Spark's receiver RateLimiter (streaming/receiver/RateLimiter.scala),
// the records per second its BlockGenerator accepts.
#pragma once

#include "sparkconf.h"

#include <algorithm>
#include <cstdint>

namespace dsl {

/// The limit only; JobScheduler::pullInput spaces the accepted records by it (1 / limit s each).
class RateLimiter {
public:
    static constexpr std::int64_t kNoLimit = conf_defaults::receiverMaxRate;

    /// No limit.
    RateLimiter() = default;
    /// The upper limit is spark.streaming.receiver.maxRate (zero or negative: none, as the
    /// configuration docs say); the first limit is min(spark.streaming.backpressure.initialRate,
    /// maxRate) (RateLimiter.getInitialRateLimit), read whether or not backpressure is enabled,
    /// as Spark does. A non-positive initialRate counts as unset (Spark's Guava limiter would
    /// refuse it).
    explicit RateLimiter(const SparkConf &conf)
    {
        m_maxRateLimit = conf.getLong("spark.streaming.receiver.maxRate", kNoLimit);
        if (m_maxRateLimit <= 0) m_maxRateLimit = kNoLimit;
        const std::int64_t initial = conf.getLong("spark.streaming.backpressure.initialRate", m_maxRateLimit);
        m_limit = initial > 0 ? std::min(initial, m_maxRateLimit) : m_maxRateLimit;
    }

    /// Records per second; kNoLimit when there is none.
    std::int64_t currentLimit() const { return m_limit; }
    bool isLimited() const { return m_limit != kNoLimit; }
    /// spark.streaming.receiver.maxRate as read; kNoLimit when none is set.
    std::int64_t maxRateLimit() const { return m_maxRateLimit; }

    /// RateLimiter.updateRate: a rate the RateController published (ReceiverSupervisor's
    /// UpdateRateLimit), never above maxRate; zero or negative has no effect.
    void updateRate(std::int64_t newRate)
    {
        if (newRate > 0) m_limit = std::min(newRate, m_maxRateLimit);
    }

private:
    std::int64_t m_maxRateLimit = kNoLimit;
    std::int64_t m_limit = kNoLimit;
};

} // namespace dsl
