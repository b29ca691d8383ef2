// Micro-batch vs record-at-a-time: the word count run on the engine's micro-batches (Spark
// Streaming) and on a Storm-style record-at-a-time topology, compared on end-to-end latency and
// maximum sustainable throughput (docs/throughput-latency.md).
#pragma once

#include "modelcomparison.h"
#include "simtime.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dsl::models {

/// The CPU one record of the word count costs in both models, in ns: what the engine charges a
/// PySpark operator per record (costmodel.h: nativeRecordNs + pythonRecordNs). A line of W words
/// costs it 1 + 2W times: split the line (flatMap), make each word's pair (map), count each
/// pair (reduceByKey's map-side combine / the count bolt).
std::int64_t wordCountRecordNs();
/// The word count's work for one line of `words` words: (1 + 2 * words) * wordCountRecordNs().
std::int64_t wordCountLineNs(int words);

// ---- record-at-a-time (Storm-style) --------------------------------------------------------

/// spout -> split bolt -> count bolt, with Storm's acker. One core runs the spout (as one core
/// runs Spark's receiver); the others are a pool the bolts' and the acker's tuples share.
struct RecordModelSettings {
    int cores = 2;               ///< >= 2: the spout's core plus at least one bolt core
    int wordsPerLine = 5;        ///< >= 1
    double lineRate = 1000;      ///< lines/s, evenly spaced from 0 (when arrivalsNs is empty)
    Duration span{10'000};       ///< how long lines arrive at lineRate
    /// Explicit arrival times in ns (non-decreasing); replaces lineRate and span when not empty.
    std::vector<std::int64_t> arrivalsNs;
};

struct RecordModelResult {
    std::int64_t lines = 0;
    double meanLatencyMs = 0;    ///< mean over every line of (spout's ack - arrival)
    double p99LatencyMs = 0;
    double boltUtilisation = 0;  ///< bolt-pool busy time / (bolt cores x time until the last ack)
    bool stable = true;          ///< the latency of the last quarter of lines did not grow
};

/// CPU per line on the bolt pool: split + W counts + W + 2 acker messages, in ns (the figure a
/// hand derivation of the record model's capacity uses).
std::int64_t recordModelBoltNsPerLine(int words);
/// CPU per line on the spout's core: emit the line and the acker's init, execute the final ack.
std::int64_t recordModelSpoutNsPerLine();

/// Runs the record-at-a-time model: a deterministic discrete-event simulation, in ns, with no
/// jitter. Throws std::invalid_argument for settings out of range.
RecordModelResult runRecordModel(const RecordModelSettings &s);

// ---- micro-batch (the engine) --------------------------------------------------------------

/// The word count of the course as a DStream program on the engine: socketTextStream on
/// local[cores], flatMap, map, reduceByKey, pprint; lines arriving evenly at lineRate.
struct MicroBatchSettings {
    int cores = 2;                   ///< local[cores]: the receiver takes one core
    int wordsPerLine = 5;
    double lineRate = 1000;          ///< lines/s
    Duration batchInterval{1000};    ///< >= 200 ms (the default block interval)
    Duration span{10'000};           ///< how long lines arrive
    std::uint64_t seed = 42;         ///< the simulation's seed (task jitter)
};

struct MicroBatchResult {
    std::int64_t records = 0;        ///< lines in batches that completed
    int batches = 0;                 ///< completed batches that held lines
    double meanLatencyMs = 0;        ///< mean over records of (batch completion - arrival)
    double p99LatencyMs = 0;
    double meanProcessingMs = 0;     ///< mean processing time of the batches that held lines
    double lastSchedulingDelayMs = 0;
    bool stable = true;              ///< processing <= interval and scheduling delay not growing
};

/// Runs the word count on the engine until every batch holding a line has completed (or a cap
/// of 10 x (span + interval) of simulated time). Throws std::invalid_argument for bad settings.
MicroBatchResult runMicroBatch(const MicroBatchSettings &s);

// ---- maximum sustainable throughput --------------------------------------------------------

/// The largest rate `stable` accepts, to within `precision` (relative): from `guess`, steps of
/// x`factor` up (or down) until stability changes, then bisection. `stable` must be monotone
/// (stable below some rate, unstable above it). Returns 0 if nothing down to 1/s is stable.
double searchMaxRate(double guess, double factor, const std::function<bool(double)> &stable,
                     double precision = 0.02);

/// The record model's maximum sustainable line rate: probes of 4,000 lines each.
double recordModelMaxThroughput(int cores, int wordsPerLine, double startRate);
/// The micro-batch word count's maximum sustainable line rate for s.batchInterval: probes of a
/// second or more of input, judged by their mean processing time <= the interval; the first
/// guess comes from a straight line through two probes' processing times (2,000 and 4,000 lines/s
/// per task core); s.lineRate is not used.
double microBatchMaxThroughput(const MicroBatchSettings &s);

// ---- the comparison ------------------------------------------------------------------------

/// Checks settings; the message says what is wrong (empty: fine).
std::string validate(const ModelComparisonSettings &s);

/// Runs both models at s.lineRate and searches each one's maximum throughput. `progress`
/// (optional) is called with (steps done, total steps) after each step. Deterministic: the
/// same settings give the same rows. Throws std::invalid_argument when validate() objects.
ModelComparison compareModels(const ModelComparisonSettings &s,
                              const std::function<void(int, int)> &progress = {});

} // namespace dsl::models
