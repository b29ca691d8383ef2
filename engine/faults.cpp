// Faults files: `SECONDS<TAB>ACTION [ARGS]` lines (docs/database.md, "Faults").
#include "faults.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace dsl {

namespace {

bool parseInt(const std::string &s, int &out)
{
    const auto *end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && p == end && out >= 0;
}

std::string seconds(Duration d)
{
    std::ostringstream o;
    o << static_cast<double>(d.ms()) / 1000.0;
    return o.str();
}

} // namespace

std::string TaskFault::describe(SimTime runStart) const
{
    std::string s = "fail-task";
    if (stageId) s += " stage=" + std::to_string(*stageId);
    if (outputOpId) s += " output=" + std::to_string(*outputOpId);
    if (partition) s += " partition=" + std::to_string(*partition);
    return s + " at " + seconds(at - runStart) + " s (" + origin + ")";
}

bool parseFaultAction(const std::string &action, const std::string &where, TaskFault &out, std::string &error)
{
    std::istringstream words(action);
    std::string verb;
    words >> verb;
    if (verb != "fail-task") {
        error = where + ": unknown action '" + verb + "' (known: fail-task [stage=N] [output=N] [partition=N])";
        return false;
    }
    out = TaskFault{};
    out.origin = where;
    std::string arg;
    while (words >> arg) {
        const auto eq = arg.find('=');
        const std::string key = arg.substr(0, eq);
        int n = 0;
        std::optional<int> *slot = key == "stage" ? &out.stageId
                                   : key == "output" ? &out.outputOpId
                                   : key == "partition" ? &out.partition
                                                        : nullptr;
        if (!slot || eq == std::string::npos || !parseInt(arg.substr(eq + 1), n)) {
            error = where + ": fail-task takes stage=N, output=N or partition=N (N a whole number from 0), not '" +
                    arg + "'";
            return false;
        }
        if (slot->has_value()) {
            error = where + ": fail-task names " + key + "= twice";
            return false;
        }
        *slot = n;
    }
    return true;
}

bool parseFaultScript(const std::string &text, const std::string &fileName, std::vector<FaultLine> &out,
                      std::string &error)
{
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        const std::string where = fileName + " line " + std::to_string(lineNo);
        const auto tab = line.find('\t');
        double s = -1;
        std::size_t used = 0;
        try {
            if (tab != std::string::npos) s = std::stod(line.substr(0, tab), &used);
        } catch (...) {
            used = 0;
        }
        if (tab == std::string::npos || used == 0 || used != tab || !std::isfinite(s) || s < 0) {
            error = where + ": expected SECONDS<TAB>ACTION, e.g. '3.5<TAB>fail-task output=0'";
            return false;
        }
        FaultLine fl;
        fl.offset = Duration(static_cast<std::int64_t>(std::llround(s * 1000)));
        if (!parseFaultAction(line.substr(tab + 1), where, fl.fault, error)) return false;
        out.push_back(std::move(fl));
    }
    return true;
}

} // namespace dsl
