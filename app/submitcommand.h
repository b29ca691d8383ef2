// `dstreamlab submit [options] PROGRAM.py [ARGS...]`: spark-submit's command line, for local runs.
#pragma once

#include <string>
#include <vector>

namespace dsl::app {

/// Parses spark-submit's options (and DStream Lab's run options) before the program, the
/// program's arguments after it, and runs it. Returns the exit status: 0 success, 1 the
/// program raised, 2 bad command-line use (spark-submit's message after "Error: ").
int submitCommand(const std::vector<std::string> &args);

/// The usage text of `dstreamlab submit`.
std::string submitUsage();

} // namespace dsl::app
