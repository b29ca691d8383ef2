// The values of the micro-batch vs record-at-a-time comparison (recordmodel.h computes them):
// what the dashboard's comparison window shows, as plain values with no behaviour.
#pragma once

#include "simtime.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dsl::models {

struct ModelComparisonSettings {
    int cores = 2;
    double lineRate = 10'000;        ///< lines/s
    int wordsPerLine = 5;
    std::vector<Duration> batchIntervals{Duration(500), Duration(1000), Duration(2000)};
    Duration span{10'000};
    std::uint64_t seed = 42;
};

struct ModelComparisonRow {
    std::string model;                     ///< "record-at-a-time" or "micro-batch" (English)
    std::optional<Duration> batchInterval; ///< none for the record model
    double meanLatencyMs = 0;
    double p99LatencyMs = 0;
    double maxThroughput = 0;              ///< lines/s
    bool stable = true;                    ///< at the given rate
};

struct ModelComparison {
    ModelComparisonSettings settings;
    std::vector<ModelComparisonRow> rows;  ///< the record model first, then one per interval
    std::vector<std::string> assumptions;  ///< English sentences, one per line
};

} // namespace dsl::models
