// Faults files: `SECONDS<TAB>ACTION [ARGS]` lines (docs/database.md, "Faults").
#include "faults.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <vector>

namespace dsl {

namespace {

constexpr double kMaxSeconds = 1e9;

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

std::string TaskFault::action() const
{
    std::string s = "fail-task";
    if (stageId) s += " stage=" + std::to_string(*stageId);
    if (outputOpId) s += " output=" + std::to_string(*outputOpId);
    if (partition) s += " partition=" + std::to_string(*partition);
    return s;
}

std::string TaskFault::describe(SimTime runStart) const
{
    return action() + " at " + seconds(at - runStart) + " s (" + origin + ")";
}

std::string faultActionText(const Fault &f)
{
    return std::visit([](const auto &v) { return v.action(); }, f);
}

std::string ClusterFault::action() const
{
    switch (kind) {
    case Kind::KillReceiver: return "kill-receiver " + std::to_string(target);
    case Kind::KillExecutor: return "kill-executor " + std::to_string(target);
    case Kind::KillDriver: return "kill-driver";
    case Kind::SlowExecutor: {
        std::ostringstream o;
        o << "slow-executor " << target << ' ' << factor;
        return o.str();
    }
    }
    return {};
}

std::string ClusterFault::describe(SimTime runStart) const
{
    return action() + " at " + seconds(at - runStart) + " s (" + origin + ")";
}

std::string faultActionsHelp()
{
    return "fail-task [stage=N] [output=N] [partition=N], kill-receiver N, kill-executor N, kill-driver, "
           "slow-executor N FACTOR";
}

namespace {

bool parseTaskFault(std::istringstream &words, const std::string &where, TaskFault &out, std::string &error)
{
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

} // namespace

bool parseFaultAction(const std::string &action, const std::string &where, Fault &out, std::string &error)
{
    std::istringstream words(action);
    std::string verb;
    words >> verb;
    if (verb == "fail-task") {
        TaskFault t;
        if (!parseTaskFault(words, where, t, error)) return false;
        out = std::move(t);
        return true;
    }
    ClusterFault c;
    c.origin = where;
    std::vector<std::string> args;
    for (std::string a; words >> a;) args.push_back(a);
    std::string usage;
    if (verb == "kill-receiver") {
        c.kind = ClusterFault::Kind::KillReceiver;
        usage = "kill-receiver N (N: the input stream's id, from 0)";
    } else if (verb == "kill-executor") {
        c.kind = ClusterFault::Kind::KillExecutor;
        usage = "kill-executor N (N: the executor, from 0, of a local-cluster master)";
    } else if (verb == "slow-executor") {
        c.kind = ClusterFault::Kind::SlowExecutor;
        usage = "slow-executor N FACTOR (N: the executor, from 0; FACTOR: how many times longer its tasks take, "
                "from 1 to 1000)";
    } else if (verb == "kill-driver") {
        c.kind = ClusterFault::Kind::KillDriver;
        usage = "kill-driver (no arguments)";
    } else {
        error = where + ": unknown action '" + verb + "' (known: " + faultActionsHelp() + ")";
        return false;
    }
    const std::size_t want = c.kind == ClusterFault::Kind::KillDriver ? 0
                             : c.kind == ClusterFault::Kind::SlowExecutor ? 2
                                                                          : 1;
    bool ok = args.size() == want;
    if (ok && want >= 1) ok = parseInt(args[0], c.target);
    if (ok && want == 2) {
        try {
            std::size_t used = 0;
            c.factor = std::stod(args[1], &used);
            ok = used == args[1].size() && std::isfinite(c.factor) && c.factor >= 1 && c.factor <= 1000;
        } catch (...) {
            ok = false;
        }
    }
    if (!ok) {
        std::string got;
        for (const auto &a : args) got += (got.empty() ? "" : " ") + a;
        error = where + ": expected " + usage + (args.empty() ? std::string() : ", not '" + got + "'");
        return false;
    }
    out = std::move(c);
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
        // Past this the milliseconds would not fit the run's clock (llround's result is then
        // unspecified: a fault before the run's start).
        if (s > kMaxSeconds) {
            error = where + ": SECONDS must be at most 1e9 (about 31 years of simulated time), not '" +
                    line.substr(0, tab) + "'";
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
