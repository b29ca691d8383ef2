// `--listen-limit KEY=VALUE`: one of the classroom port's limits.
#include "socketlimits.h"

#include <cmath>

namespace dsl::app {

bool parseListenLimit(const std::string &keyValue, ListenLimits &limits, std::string &error)
{
    const auto eq = keyValue.find('=');
    const std::string key = keyValue.substr(0, eq);
    const std::string value = eq == std::string::npos ? std::string() : keyValue.substr(eq + 1);
    double v = 0;
    bool number = false;
    try {
        std::size_t used = 0;
        v = std::stod(value, &used);
        number = used == value.size() && std::isfinite(v);
    } catch (...) {
        number = false;
    }
    const bool whole = number && v == std::floor(v);
    const std::string usage = "--listen-limit needs KEY=VALUE with KEY one of connections (>= 1), line-bytes (>= 16), "
                              "lines-per-second (> 0, or 0 for no limit), idle-seconds (>= 0, 0 for never), not '" +
                              keyValue + "'";
    if (key == "connections" && whole && v >= 1 && v <= 100000) {
        limits.maxConnections = static_cast<int>(v);
    } else if (key == "line-bytes" && whole && v >= 16 && v <= 64.0 * 1024 * 1024) {
        limits.maxLineBytes = static_cast<std::size_t>(v);
    } else if (key == "lines-per-second" && number && v >= 0 && v <= 1e6) {
        limits.linesPerSecond = v;
    } else if (key == "idle-seconds" && whole && v >= 0 && v <= 1e7) {
        limits.idleSeconds = static_cast<int>(v);
    } else {
        error = usage;
        return false;
    }
    return true;
}

} // namespace dsl::app
