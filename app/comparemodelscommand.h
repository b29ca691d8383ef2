// `dstreamlab compare-models`: micro-batch vs record-at-a-time latency and maximum throughput
// for the word count, as an aligned table (engine/recordmodel.h, docs/throughput-latency.md).
#pragma once

#include <string>
#include <vector>

namespace dsl::app {

/// Parses --cores, --rate, --words, --intervals, --seconds and --seed, runs the comparison and
/// prints its table and assumptions on stdout. Returns 0, or 2 with a message on stderr for a
/// bad command line.
int compareModelsCommand(const std::vector<std::string> &args);

/// The usage text of `dstreamlab compare-models`.
std::string compareModelsUsage();

} // namespace dsl::app
