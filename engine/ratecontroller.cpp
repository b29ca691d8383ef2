// RateController: backpressure's per-stream listener of completed batches.
#include "ratecontroller.h"

#include "inputdstreams.h"
#include "simulation.h"
#include "sparkconf.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

#include <cmath>
#include <limits>

namespace dsl {

namespace {
/// Scala's Double.toLong (Java's d2l): NaN is 0, out-of-range values saturate, else truncation.
std::int64_t toLong(double d)
{
    if (std::isnan(d)) return 0;
    if (d >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();
    if (d <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(d);
}
} // namespace

RateController::RateController(int streamUID, std::unique_ptr<RateEstimator> estimator)
    : m_streamUID(streamUID), m_estimator(std::move(estimator))
{
}

bool RateController::isBackPressureEnabled(const SparkConf &conf)
{
    return conf.getBoolean("spark.streaming.backpressure.enabled", false);
}

std::unique_ptr<RateController> RateController::forInputStream(StreamingContext &ssc, int streamUID)
{
    const SparkConf &conf = ssc.sparkContext().conf();
    if (!isBackPressureEnabled(conf)) return nullptr;
    auto estimator = RateEstimator::create(conf, ssc.batchDuration());
    if (const auto *pid = dynamic_cast<const PIDRateEstimator *>(estimator.get()))
        ssc.simulation().log(LogLevel::Info, "PIDRateEstimator",
                             "Created PIDRateEstimator with proportional = " + javaDoubleString(pid->proportional()) +
                                 ", integral = " + javaDoubleString(pid->integral()) +
                                 ", derivative = " + javaDoubleString(pid->derivative()) +
                                 ", min rate = " + javaDoubleString(pid->minRate()));
    return std::make_unique<RateController>(streamUID, std::move(estimator));
}

std::optional<std::int64_t> RateController::onBatchCompleted(const BatchInfo &batch)
{
    const auto processingDelay = batch.processingDelay();
    const auto schedulingDelay = batch.schedulingDelay();
    const auto input = batch.streamIdToInputInfo.find(m_streamUID);
    if (!batch.processingEndTime || !processingDelay || !schedulingDelay || input == batch.streamIdToInputInfo.end())
        return std::nullopt;
    const auto rate = m_estimator->compute(batch.processingEndTime->ms(), input->second.numRecords,
                                           processingDelay->ms(), schedulingDelay->ms());
    if (!rate) return std::nullopt;
    m_rateLimit = toLong(*rate);
    return m_rateLimit;
}

std::vector<std::pair<int, std::int64_t>> updateRateControllers(StreamingContext &ssc, const BatchInfo &batch)
{
    std::vector<std::pair<int, std::int64_t>> published;
    for (const auto &in : ssc.graph().inputStreams()) {
        RateController *rc = in->rateController();
        if (!rc) continue;
        if (auto rate = rc->onBatchCompleted(batch)) {
            ssc.simulation().trace("rate", "stream " + std::to_string(rc->streamUID()) + " " + std::to_string(*rate) +
                                               " after " + batch.batchTime.toString());
            published.emplace_back(rc->streamUID(), *rate);
        }
    }
    return published;
}

} // namespace dsl
