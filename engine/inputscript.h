// Input scripts for headless runs: "SECONDS<TAB>TEXT" lines, or plain lines 0.1 s apart.
#pragma once

#include "engine/inputlog.h"

#include <string>
#include <string_view>
#include <vector>

namespace dsl {

/// One parsed line of an input script: offset from the run's start, and the text.
struct ScriptLine {
    Duration offset;
    std::string text;
};

/// Parses an input script. With a tab on every line, "SECONDS<TAB>TEXT" gives each line its
/// time (seconds may have decimals); a file without tabs sends line i at i * 0.1 s (i from 1).
/// Returns false and sets `error` ("line 3: 'abc' is not a number of seconds") on bad input.
bool parseInputScript(std::string_view content, std::vector<ScriptLine> &out, std::string &error);

} // namespace dsl
