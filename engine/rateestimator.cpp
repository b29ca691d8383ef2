// PIDRateEstimator and RateEstimator.create, as Spark's streaming/scheduler/rate/ sources.
#include "rateestimator.h"

#include "errors.h"
#include "sparkconf.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace dsl {

std::string javaDoubleString(double d)
{
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // The shortest digits that read back as d, then Java's layout: plain between 10^-3 and 10^7,
    // else one digit, a point, the rest and "E<exponent>" (always at least one fractional digit).
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, std::abs(d), std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    const auto e = sci.find('e');
    std::string digits = sci.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exponent = std::atoi(sci.c_str() + e + 1);
    std::string out = d < 0 ? "-" : "";
    const double a = std::abs(d);
    if (a >= 1e-3 && a < 1e7) {
        if (exponent >= 0) {
            std::string whole = digits.substr(0, std::min<std::size_t>(digits.size(), std::size_t(exponent) + 1));
            whole.append(std::size_t(exponent) + 1 - whole.size(), '0');
            std::string frac = digits.size() > std::size_t(exponent) + 1 ? digits.substr(std::size_t(exponent) + 1) : "0";
            out += whole + "." + frac;
        } else {
            out += "0." + std::string(std::size_t(-exponent - 1), '0') + digits;
        }
        return out;
    }
    out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exponent);
    return out;
}

PIDRateEstimator::PIDRateEstimator(std::int64_t batchIntervalMillis, double proportional, double integral,
                                   double derivative, double minRate)
    : m_batchIntervalMillis(batchIntervalMillis), m_proportional(proportional), m_integral(integral),
      m_derivative(derivative), m_minRate(minRate)
{
    require(batchIntervalMillis > 0,
            "Specified batch interval " + std::to_string(batchIntervalMillis) + " in PIDRateEstimator is invalid.");
    require(proportional >= 0,
            "Proportional term " + javaDoubleString(proportional) + " in PIDRateEstimator should be >= 0.");
    require(integral >= 0, "Integral term " + javaDoubleString(integral) + " in PIDRateEstimator should be >= 0.");
    require(derivative >= 0,
            "Derivative term " + javaDoubleString(derivative) + " in PIDRateEstimator should be >= 0.");
    require(minRate > 0, "Minimum rate in PIDRateEstimator should be > 0");
}

std::optional<double> PIDRateEstimator::compute(std::int64_t time, std::int64_t numElements,
                                                std::int64_t processingDelay, std::int64_t schedulingDelay)
{
    if (!(time > m_latestTime && numElements > 0 && processingDelay > 0)) return std::nullopt;
    // Seconds since the last accepted call: about one batch interval.
    const double delaySinceUpdate = static_cast<double>(time - m_latestTime) / 1000;
    // Records per second this batch was processed at: the measurement.
    const double processingRate = static_cast<double>(numElements) / static_cast<double>(processingDelay) * 1000;
    // The set point is the rate estimated last time.
    const double error = m_latestRate - processingRate;
    // A scheduling delay s means about s * processingRate records waited; spread over one batch
    // interval that is the rate by which the previous estimates were too high.
    const double historicalError =
        static_cast<double>(schedulingDelay) * processingRate / static_cast<double>(m_batchIntervalMillis);
    const double dError = (error - m_latestError) / delaySinceUpdate;
    const double newRate = std::max(
        m_latestRate - m_proportional * error - m_integral * historicalError - m_derivative * dError, m_minRate);
    m_latestTime = time;
    if (m_firstRun) {
        // "First run, rate estimation skipped": the measurement becomes the set point.
        m_latestRate = processingRate;
        m_latestError = 0;
        m_firstRun = false;
        return std::nullopt;
    }
    m_latestRate = newRate;
    m_latestError = error;
    return newRate;
}

std::unique_ptr<RateEstimator> RateEstimator::create(const SparkConf &conf, Duration batchInterval)
{
    const std::string estimator = conf.get("spark.streaming.backpressure.rateEstimator", "pid");
    if (estimator != "pid") throw IllegalArgumentException("Unknown rate estimator: " + estimator);
    const double proportional = conf.getDouble("spark.streaming.backpressure.pid.proportional", 1.0);
    const double integral = conf.getDouble("spark.streaming.backpressure.pid.integral", 0.2);
    const double derived = conf.getDouble("spark.streaming.backpressure.pid.derived", 0.0);
    const double minRate = conf.getDouble("spark.streaming.backpressure.pid.minRate", 100);
    return std::make_unique<PIDRateEstimator>(batchInterval.ms(), proportional, integral, derived, minRate);
}

} // namespace dsl
