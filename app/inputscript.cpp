// Input script parsing for `dstreamlab run --input`.
#include "inputscript.h"

#include <cmath>
#include <sstream>

namespace dsl::app {

bool parseInputScript(const std::string &content, std::vector<ScriptLine> &out, std::string &error)
{
    std::vector<std::string> lines;
    std::istringstream in(content);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    bool anyTab = false, allTab = true;
    for (const auto &l : lines) {
        const bool tab = l.find('\t') != std::string::npos;
        anyTab = anyTab || tab;
        allTab = allTab && (tab || l.empty());
    }
    if (!anyTab) {
        for (std::size_t i = 0; i < lines.size(); ++i)
            out.push_back(ScriptLine{Duration(static_cast<std::int64_t>(i + 1) * 100), lines[i]});
        return true;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string &l = lines[i];
        if (l.empty()) continue;
        const auto tab = l.find('\t');
        if (tab == std::string::npos) {
            error = "line " + std::to_string(i + 1) + ": expected SECONDS<TAB>TEXT (other lines of the file have a "
                    "time and a tab), got '" + l + "'";
            return false;
        }
        const std::string num = l.substr(0, tab);
        double secs = 0;
        std::size_t used = 0;
        try {
            secs = std::stod(num, &used);
        } catch (...) {
            used = 0;
        }
        if (num.empty() || used != num.size() || !std::isfinite(secs) || secs < 0) {
            error = "line " + std::to_string(i + 1) + ": '" + num + "' is not a number of seconds (>= 0)";
            return false;
        }
        out.push_back(ScriptLine{Duration(static_cast<std::int64_t>(std::llround(secs * 1000.0))), l.substr(tab + 1)});
    }
    return true;
}

} // namespace dsl::app
