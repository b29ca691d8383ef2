// `dstreamlab run PROGRAM.py ... --compare 'NAME: OPTIONS' ...`: the same program and input under
// 2 or 3 configurations, each a child `dstreamlab run`, compared in one table (docs/experiments.md).
#pragma once

#include "experimentsummary.h"

#include <optional>
#include <string>
#include <vector>

namespace dsl::app {

/// True when `run`'s arguments hold a --compare before any `--` (then runCommand hands over).
bool hasCompareOption(const std::vector<std::string> &args);

/// Runs the comparison. Returns 0 when every configuration ran, 1 when one failed (its row says
/// why), 2 on bad command-line use, 130 when interrupted (Ctrl-C, SIGTERM).
int compareCommand(const std::vector<std::string> &args);

/// The --compare lines of `run`'s usage.
std::string compareUsage();

/// One configuration: 'NAME: OPTIONS', OPTIONS split as a shell splits words ('...', "...", \).
struct CompareSpec {
    std::string name;
    std::vector<std::string> options;
};
/// nullopt (and `error`) when the text is not 'NAME: OPTIONS' or its quotes do not close.
std::optional<CompareSpec> parseCompareSpec(const std::string &text, std::string &error);

/// One row of the table: a summary, or the error that ended the configuration's run.
struct CompareRow {
    std::string name;
    std::optional<experiment::RunSummary> summary;
    std::string fingerprint;
    std::string error; ///< non-empty: the run failed
};
/// The aligned table (and its one-line legend), as printed.
std::string formatCompareTable(const std::vector<CompareRow> &rows);

} // namespace dsl::app
