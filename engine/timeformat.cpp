// Local-time formatting and parsing for batch times (the process's TZ decides "local").
#include "timeformat.h"

#include <cstdio>
#include <ctime>

namespace dsl {

namespace {
std::tm localTm(SimTime t, int &millis)
{
    std::int64_t ms = t.ms();
    std::int64_t secs = ms / 1000;
    millis = static_cast<int>(ms % 1000);
    if (millis < 0) {
        millis += 1000;
        --secs;
    }
    std::time_t tt = static_cast<std::time_t>(secs);
    std::tm tm{};
    localtime_r(&tt, &tm);
    return tm;
}
} // namespace

std::string formatBatchTime(SimTime t, Duration batchInterval)
{
    int ms = 0;
    std::tm tm = localTm(t, ms);
    char buf[32];
    if (batchInterval.ms() < 1000)
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
    else
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string pythonDateTimeStr(SimTime t)
{
    int ms = 0;
    std::tm tm = localTm(t, ms);
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                          tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (ms != 0) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06d", ms * 1000);
    return buf;
}

std::string log4jTime(SimTime t)
{
    int ms = 0;
    std::tm tm = localTm(t, ms);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%02d %02d:%02d:%02d", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

bool parseLocalDateTime(const std::string &text, SimTime &out)
{
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, frac = 0;
    char sep = 0;
    int consumed = 0;
    int n = std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &consumed);
    if (n < 6 || (sep != ' ' && sep != 'T')) return false;
    std::size_t pos = static_cast<std::size_t>(consumed);
    int fracDigits = 0;
    if (pos < text.size() && text[pos] == ':') {
        int c2 = 0;
        if (std::sscanf(text.c_str() + pos, ":%2d%n", &s, &c2) != 1) return false;
        pos += static_cast<std::size_t>(c2);
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (fracDigits < 3) {
                    frac = frac * 10 + (text[pos] - '0');
                    ++fracDigits;
                }
                ++pos;
            }
        }
    }
    if (pos != text.size()) return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
    while (fracDigits > 0 && fracDigits < 3) {
        frac *= 10;
        ++fracDigits;
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    std::time_t tt = std::mktime(&tm);
    if (tt == static_cast<std::time_t>(-1)) return false;
    out = SimTime(static_cast<std::int64_t>(tt) * 1000 + frac);
    return true;
}

} // namespace dsl
