// Backpressure's rate estimators: Spark's RateEstimator and its one implementation, the PID
// controller (streaming/scheduler/rate/RateEstimator.scala, PIDRateEstimator.scala).
#pragma once

#include "simtime.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace dsl {

class SparkConf;

/// Spark's RateEstimator: after every completed batch, how many records per second the stream
/// it belongs to should ingest.
class RateEstimator {
public:
    virtual ~RateEstimator() = default;
    /// `time`: when the batch finished (epoch ms, its processingEndTime); `numElements`: the
    /// stream's records in it; `processingDelay`, `schedulingDelay`: ms. Returns the new rate in
    /// records/s, or nullopt when there is none this time.
    virtual std::optional<double> compute(std::int64_t time, std::int64_t numElements, std::int64_t processingDelay,
                                          std::int64_t schedulingDelay) = 0;

    /// RateEstimator.create: the estimator spark.streaming.backpressure.rateEstimator names
    /// ("pid", the default and the only one: a PIDRateEstimator with the
    /// spark.streaming.backpressure.pid.* settings). Throws IllegalArgumentException
    /// "Unknown rate estimator: X" for any other name, and the PIDRateEstimator's require
    /// messages for out-of-range settings.
    static std::unique_ptr<RateEstimator> create(const SparkConf &conf, Duration batchInterval);
};

/// Spark's PIDRateEstimator: a proportional-integral-derivative controller whose set point is
/// the rate it estimated last and whose measurement is the batch's processing rate
/// (records / processing delay); the scheduling delay stands for the accumulated error.
class PIDRateEstimator : public RateEstimator {
public:
    /// Throws IllegalArgumentException ("requirement failed: ...", Spark's texts) unless
    /// batchIntervalMillis > 0, proportional, integral, derivative >= 0 and minRate > 0.
    PIDRateEstimator(std::int64_t batchIntervalMillis, double proportional, double integral, double derivative,
                     double minRate);

    /// Nothing unless time is later than the last accepted call, numElements > 0 and
    /// processingDelay > 0. The first accepted call only records the processing rate (nullopt);
    /// each later one returns max(minRate, latest - kp*error - ki*historicalError - kd*dError).
    std::optional<double> compute(std::int64_t time, std::int64_t numElements, std::int64_t processingDelay,
                                  std::int64_t schedulingDelay) override;

    double proportional() const { return m_proportional; }
    double integral() const { return m_integral; }
    double derivative() const { return m_derivative; }
    double minRate() const { return m_minRate; }

private:
    std::int64_t m_batchIntervalMillis;
    double m_proportional;
    double m_integral;
    double m_derivative;
    double m_minRate;
    bool m_firstRun = true;
    std::int64_t m_latestTime = -1;
    double m_latestRate = -1;
    double m_latestError = -1;
};

/// Java's Double.toString for the values Spark interpolates into its messages ("1.0", "-1.0",
/// "0.2", "1.0E-4", "NaN").
std::string javaDoubleString(double d);

} // namespace dsl
