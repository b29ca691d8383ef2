// `dstreamlab lesson list|run|check|exercise`: the lessons headless (docs/lessons.md).
#pragma once

#include <string>
#include <vector>

namespace dsl::app {

/// Runs a `lesson` subcommand. Returns the exit status: 0 success, 1 a lesson failed its check
/// (or an exercise did not pass, or a program raised), 2 bad command-line use.
int lessonCommand(const std::vector<std::string> &args);

/// The usage text of `dstreamlab lesson`.
std::string lessonUsage();

} // namespace dsl::app
