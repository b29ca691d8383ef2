// Input script parsing for `dstreamlab run --input`.
#include "inputscript.h"

#include <cmath>
#include <string_view>

namespace dsl {

namespace {
/// Calls f(lineNumber, line) for each line (without its newline and a trailing '\r').
template <typename F>
bool forEachLine(std::string_view content, F &&f)
{
    std::size_t pos = 0, number = 0;
    while (pos < content.size()) {
        std::size_t nl = content.find('\n', pos);
        if (nl == std::string_view::npos) nl = content.size();
        std::string_view line = content.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!f(++number, line)) return false;
        pos = nl + 1;
    }
    return true;
}
} // namespace

bool parseInputScript(std::string_view content, std::vector<ScriptLine> &out, std::string &error)
{
    // Two passes over the text (no copy of its lines): is it timed, then the lines.
    bool anyTab = false, allTab = true;
    std::size_t count = 0;
    forEachLine(content, [&](std::size_t, std::string_view l) {
        const bool tab = l.find('\t') != std::string_view::npos;
        anyTab = anyTab || tab;
        allTab = allTab && (tab || l.empty());
        ++count;
        return true;
    });
    out.reserve(out.size() + count);
    if (!anyTab) {
        return forEachLine(content, [&](std::size_t i, std::string_view l) {
            out.push_back(ScriptLine{Duration(static_cast<std::int64_t>(i) * 100), std::string(l)});
            return true;
        });
    }
    return forEachLine(content, [&](std::size_t i, std::string_view l) {
        if (l.empty()) return true;
        const auto tab = l.find('\t');
        if (tab == std::string_view::npos) {
            error = "line " + std::to_string(i) + ": expected SECONDS<TAB>TEXT (other lines of the file have a "
                    "time and a tab), got '" + std::string(l) + "'";
            return false;
        }
        const std::string num(l.substr(0, tab));
        double secs = 0;
        std::size_t used = 0;
        try {
            secs = std::stod(num, &used);
        } catch (...) {
            used = 0;
        }
        if (num.empty() || used != num.size() || !std::isfinite(secs) || secs < 0) {
            error = "line " + std::to_string(i) + ": '" + num + "' is not a number of seconds (>= 0)";
            return false;
        }
        out.push_back(ScriptLine{Duration(static_cast<std::int64_t>(std::llround(secs * 1000.0))), std::string(l.substr(tab + 1))});
        return true;
    });
}

} // namespace dsl
