// Experiment summaries: what `dstreamlab run --compare` and the dashboard's Experiments view say
// about one run's --metrics lines (app/metricswriter.h), and the one stability rule both apply.
#pragma once

// Header-only and standard C++ only, on purpose: the CLI (dstreamlab_cli, no Qt) and the view
// (ui/experimentrunner.cpp) must compute the same numbers and the same verdict, and neither
// library links the other. The rule is documented in docs/experiments.md.

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsl::experiment {

/// The fields of one Spark BatchInfo line that a comparison uses (milliseconds, simulated).
struct BatchMetrics {
    std::int64_t batchTimeMs = 0;
    std::int64_t schedulingDelayMs = 0;
    std::int64_t processingDelayMs = 0;
    std::int64_t totalDelayMs = 0;
    std::int64_t numRecords = 0;
};

namespace detail {
/// The integer after the first `"key":`. MetricsWriter writes the top-level fields first, so the
/// first match is never one of the nested objects' fields of the same name. False for null.
inline bool intField(std::string_view line, std::string_view key, std::int64_t &out)
{
    std::string quoted;
    quoted.reserve(key.size() + 3);
    quoted.append("\"").append(key).append("\":");
    const auto at = line.find(quoted);
    if (at == std::string_view::npos) return false;
    const char *first = line.data() + at + quoted.size();
    const auto [end, ec] = std::from_chars(first, line.data() + line.size(), out);
    return ec == std::errc() && end != first;
}
} // namespace detail

/// One --metrics line; false unless it is a completed batch (every delay present).
inline bool parseMetricsLine(std::string_view line, BatchMetrics &out)
{
    BatchMetrics m;
    if (!detail::intField(line, "batchTime", m.batchTimeMs) ||
        !detail::intField(line, "schedulingDelay", m.schedulingDelayMs) ||
        !detail::intField(line, "processingDelay", m.processingDelayMs) ||
        !detail::intField(line, "totalDelay", m.totalDelayMs) || !detail::intField(line, "numRecords", m.numRecords))
        return false;
    out = m;
    return true;
}

/// Every completed batch of a --metrics file's text, in the file's (completion) order.
inline std::vector<BatchMetrics> parseMetrics(std::string_view text)
{
    std::vector<BatchMetrics> out;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        BatchMetrics m;
        if (parseMetricsLine(text.substr(0, nl), m)) out.push_back(m);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    return out;
}

/// The batch interval the run used: the smallest gap between two batch times (the metrics carry
/// no interval of their own). 0 with fewer than two batches.
inline std::int64_t batchIntervalOf(const std::vector<BatchMetrics> &batches)
{
    std::int64_t best = 0;
    for (std::size_t i = 1; i < batches.size(); ++i) {
        const std::int64_t gap = batches[i].batchTimeMs - batches[i - 1].batchTimeMs;
        if (gap > 0 && (best == 0 || gap < best)) best = gap;
    }
    return best;
}

enum class Stability { Unknown, Stable, Unstable };

/// Why a verdict is what it is.
enum class StabilityReason {
    TooFewBatches,   ///< fewer than kStabilityWindow batches to judge
    Steady,          ///< neither condition below holds
    GrowingDelay,    ///< the scheduling delay rose from each batch of the window to the next
    SlowProcessing,  ///< the window's mean processing time is longer than the batch interval
};

/// How many of the last batches the rule looks at.
inline constexpr std::size_t kStabilityWindow = 5;

struct StabilityVerdict {
    Stability stability = Stability::Unknown;
    StabilityReason reason = StabilityReason::TooFewBatches;
    std::int64_t firstDelayMs = 0;    ///< scheduling delay of the window's first batch
    std::int64_t lastDelayMs = 0;     ///< ... and of its last
    double meanProcessingMs = 0;      ///< over the window
    bool operator==(const StabilityVerdict &) const = default;
};

/// The stability rule (docs/experiments.md, "When is a configuration stable?"):
///  1. Leave out the empty batches at the end (numRecords 0): after the input ends, a backlog
///     drains through empty batches whose delays fall, which says nothing about keeping up.
///     When no batch received records (file and queue streams count none, as in Spark), keep all.
///  2. Fewer than kStabilityWindow batches left: Unknown.
///  3. Of the last kStabilityWindow: Unstable when the scheduling delay rose strictly from each
///     batch to the next (the queue keeps growing), or when their mean processing time is longer
///     than the batch interval (batches arrive faster than they are done, so it will grow).
///     Otherwise Stable.
/// `intervalMs` <= 0 (unknown) skips the processing-time condition.
inline StabilityVerdict judgeStability(const std::vector<BatchMetrics> &batches, std::int64_t intervalMs)
{
    std::size_t end = batches.size();
    while (end > 0 && batches[end - 1].numRecords == 0) --end;
    if (end == 0) end = batches.size();
    StabilityVerdict v;
    if (end < kStabilityWindow) return v;
    const std::size_t begin = end - kStabilityWindow;
    bool growing = true;
    double sum = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (i > begin && batches[i].schedulingDelayMs <= batches[i - 1].schedulingDelayMs) growing = false;
        sum += static_cast<double>(batches[i].processingDelayMs);
    }
    v.firstDelayMs = batches[begin].schedulingDelayMs;
    v.lastDelayMs = batches[end - 1].schedulingDelayMs;
    v.meanProcessingMs = sum / static_cast<double>(kStabilityWindow);
    const bool slow = intervalMs > 0 && v.meanProcessingMs > static_cast<double>(intervalMs);
    v.stability = growing || slow ? Stability::Unstable : Stability::Stable;
    v.reason = growing ? StabilityReason::GrowingDelay : slow ? StabilityReason::SlowProcessing : StabilityReason::Steady;
    return v;
}

inline const char *stabilityName(Stability s)
{
    switch (s) {
    case Stability::Stable: return "stable";
    case Stability::Unstable: return "unstable";
    case Stability::Unknown: break;
    }
    return "unknown";
}

/// One configuration's row of the comparison.
struct RunSummary {
    std::size_t batches = 0;          ///< batches completed
    std::int64_t records = 0;         ///< records received in them
    /// Records per second of processing: records / the batches' total processing time (the rate
    /// PIDRateEstimator computes per batch, over the run); 0 when nothing was processed.
    double throughput = 0;
    double meanProcessingMs = 0;
    std::int64_t maxProcessingMs = 0;
    double meanSchedulingMs = 0;
    std::int64_t maxSchedulingMs = 0;
    std::int64_t lastSchedulingMs = 0;
    double meanTotalMs = 0;
    std::int64_t intervalMs = 0;      ///< batchIntervalOf
    StabilityVerdict verdict;
};

inline RunSummary summarize(const std::vector<BatchMetrics> &batches)
{
    RunSummary r;
    r.batches = batches.size();
    r.intervalMs = batchIntervalOf(batches);
    r.verdict = judgeStability(batches, r.intervalMs);
    if (batches.empty()) return r;
    double proc = 0, sched = 0, total = 0;
    for (const BatchMetrics &b : batches) {
        r.records += b.numRecords;
        proc += static_cast<double>(b.processingDelayMs);
        sched += static_cast<double>(b.schedulingDelayMs);
        total += static_cast<double>(b.totalDelayMs);
        r.maxProcessingMs = std::max(r.maxProcessingMs, b.processingDelayMs);
        r.maxSchedulingMs = std::max(r.maxSchedulingMs, b.schedulingDelayMs);
    }
    const auto n = static_cast<double>(batches.size());
    r.meanProcessingMs = proc / n;
    r.meanSchedulingMs = sched / n;
    r.meanTotalMs = total / n;
    r.lastSchedulingMs = batches.back().schedulingDelayMs;
    r.throughput = proc > 0 ? static_cast<double>(r.records) * 1000.0 / proc : 0;
    return r;
}

/// The fingerprint a `run --fingerprint` wrote on its stderr ("fingerprint: HEX"), empty without.
inline std::string fingerprintOf(std::string_view stderrText)
{
    const auto at = stderrText.rfind("fingerprint: ");
    if (at == std::string_view::npos) return {};
    const auto from = at + 13;
    return std::string(stderrText.substr(from, stderrText.find('\n', from) - from));
}

/// The line that says why a child run failed, from its stderr: its usage error ("dstreamlab run:
/// MSG", then the usage text), else the last line it wrote (a traceback's exception). Empty when
/// it wrote nothing.
inline std::string failureLine(std::string_view stderrText)
{
    std::string_view last;
    for (std::string_view rest = stderrText; !rest.empty();) {
        const auto nl = rest.find('\n');
        std::string_view l = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.starts_with(": ")) l.remove_prefix(2); // a Java exception under Py4JJavaError's line
        if (l.starts_with("dstreamlab run: ")) return std::string(l.substr(16));
        if (!l.empty() && !l.starts_with("fingerprint: ")) last = l;
    }
    return std::string(last);
}

} // namespace dsl::experiment
