// `dstreamlab run PROGRAM.py ...`: run a PySpark Streaming program headless, like spark-submit.
#pragma once

#include <string>
#include <vector>

namespace dsl::app {

/// Parses the `run` arguments and runs the program. Returns the exit status: 0 success,
/// 1 the program raised (or could not be read), 2 bad command-line use.
int runCommand(const std::vector<std::string> &args);

/// The usage text of `dstreamlab run`.
std::string runUsage();

} // namespace dsl::app
