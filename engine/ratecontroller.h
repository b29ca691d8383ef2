// Backpressure's RateController (streaming/scheduler/RateController.scala): one per input stream
// that can be throttled, fed every completed batch, keeping the rate its estimator published.
#pragma once

#include "batchinfo.h"
#include "rateestimator.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace dsl {

class SparkConf;
class StreamingContext;

/// Spark's RateController. Spark computes and publishes on a separate thread; here it happens at
/// the batch's completion, before the next batch is generated.
class RateController {
public:
    RateController(int streamUID, std::unique_ptr<RateEstimator> estimator);

    /// RateController.isBackPressureEnabled: spark.streaming.backpressure.enabled (false).
    static bool isBackPressureEnabled(const SparkConf &conf);
    /// The controller an input stream of `ssc` with id `streamUID` gets: one under backpressure
    /// (Spark gives one to every ReceiverInputDStream and DirectKafkaInputDStream), nullptr
    /// otherwise. Throws what RateEstimator::create throws. Logs the PIDRateEstimator's
    /// "Created PIDRateEstimator with ..." line.
    static std::unique_ptr<RateController> forInputStream(StreamingContext &ssc, int streamUID);

    int streamUID() const { return m_streamUID; }
    /// RateController.onBatchCompleted: when the batch has a processing end, delays and input
    /// info for this stream, the estimator gets (processingEndTime, the stream's numRecords,
    /// processingDelay, schedulingDelay). A rate it returns is kept (as a whole number, Scala's
    /// Double.toLong) and returned: the value RateController.publish is called with.
    std::optional<std::int64_t> onBatchCompleted(const BatchInfo &batch);
    /// RateController.getLatestRate: records/s, -1 until the estimator gave a rate.
    std::int64_t latestRate() const { return m_rateLimit; }
    /// The latest rate when there is one (> 0): what StreamInputInfo::estimatedRate records.
    std::optional<std::int64_t> estimatedRate() const
    {
        return m_rateLimit > 0 ? std::optional<std::int64_t>(m_rateLimit) : std::nullopt;
    }

private:
    int m_streamUID;
    std::unique_ptr<RateEstimator> m_estimator;
    std::int64_t m_rateLimit = -1;
};

/// Every rate controller of ssc's input streams at a batch's completion, in the graph's input
/// stream order (the streaming listeners' order in Spark: JobScheduler.start adds them so).
/// Returns the (stream id, rate) pairs published; each is traced ("rate"), so backpressure's
/// decisions are part of the run's fingerprint. Nothing happens without backpressure.
std::vector<std::pair<int, std::int64_t>> updateRateControllers(StreamingContext &ssc, const BatchInfo &batch);

} // namespace dsl
