// SparkConf parsing with Spark's rules (core/src/main/scala/org/apache/spark/SparkConf.scala,
// network-common JavaUtils.timeStringAs).
#include "sparkconf.h"

#include "errors.h"

#include <cctype>
#include <charconv>

namespace dsl {

std::optional<std::string> SparkConf::getOption(const std::string &key) const
{
    auto it = m_values.find(key);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string SparkConf::get(const std::string &key, const std::string &defaultValue) const
{
    return getOption(key).value_or(defaultValue);
}

static std::string trimmed(const std::string &s)
{
    std::size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

std::int64_t SparkConf::getLong(const std::string &key, std::int64_t defaultValue) const
{
    auto v = getOption(key);
    if (!v) return defaultValue;
    std::string t = trimmed(*v);
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec != std::errc() || p != t.data() + t.size() || t.empty())
        throw IllegalArgumentException(key + " should be long, but was " + *v);
    return out;
}

int SparkConf::getInt(const std::string &key, int defaultValue) const
{
    auto v = getOption(key);
    if (!v) return defaultValue;
    std::int64_t l = 0;
    try {
        l = getLong(key, defaultValue);
    } catch (const IllegalArgumentException &) {
        throw IllegalArgumentException(key + " should be int, but was " + *v);
    }
    if (l < INT32_MIN || l > INT32_MAX)
        throw IllegalArgumentException(key + " should be int, but was " + *v);
    return static_cast<int>(l);
}

double SparkConf::getDouble(const std::string &key, double defaultValue) const
{
    auto v = getOption(key);
    if (!v) return defaultValue;
    std::string t = trimmed(*v);
    double out = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    if (ec != std::errc() || p != t.data() + t.size() || t.empty())
        throw IllegalArgumentException(key + " should be double, but was " + *v);
    return out;
}

bool SparkConf::getBoolean(const std::string &key, bool defaultValue) const
{
    auto v = getOption(key);
    if (!v) return defaultValue;
    std::string t = trimmed(*v);
    for (auto &c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (t == "true") return true;
    if (t == "false") return false;
    throw IllegalArgumentException(key + " should be boolean, but was " + *v);
}

Duration SparkConf::parseTimeAsMs(const std::string &text, const std::string &)
{
    // JavaUtils.timeStringAs(str, MILLISECONDS) (common/network-common/.../util/JavaUtils.java):
    // lower-case and trim, match "(-?[0-9]+)([a-z]+)?", check the suffix, convert with
    // TimeUnit.convert (truncating, saturating). Every failure is a NumberFormatException whose
    // message starts with the "Time must be specified as ..." line.
    auto fail = [](const std::string &detail) -> Duration {
        throw NumberFormatException("Time must be specified as seconds (s), milliseconds (ms), microseconds (us), "
                                    "minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.\n" +
                                    detail);
    };
    // String.trim drops every char <= ' ' at both ends.
    std::size_t b = 0, e = text.size();
    while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
    std::string lower = text.substr(b, e - b);
    for (auto &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t i = 0;
    if (i < lower.size() && lower[i] == '-') ++i;
    const std::size_t digits = i;
    while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9') ++i;
    const std::size_t suffixStart = i;
    while (i < lower.size() && lower[i] >= 'a' && lower[i] <= 'z') ++i;
    if (suffixStart == digits || i != lower.size()) return fail("Failed to parse time string: " + text);
    const std::string number = lower.substr(0, suffixStart), suffix = lower.substr(suffixStart);
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec != std::errc() || p != number.data() + number.size())
        return fail("For input string: \"" + number + "\""); // Long.parseLong
    std::int64_t perUnit = 0; // ms per unit; 0 = microseconds
    if (suffix.empty() || suffix == "ms") perUnit = 1;
    else if (suffix == "us") perUnit = 0;
    else if (suffix == "s") perUnit = 1000;
    else if (suffix == "m" || suffix == "min") perUnit = 60'000;
    else if (suffix == "h") perUnit = 3'600'000;
    else if (suffix == "d") perUnit = 86'400'000;
    else return fail("Invalid suffix: \"" + suffix + "\"");
    if (perUnit == 0) return Duration(n / 1000);
    // TimeUnit.convert saturates at Long.MIN_VALUE / Long.MAX_VALUE.
    if (n > INT64_MAX / perUnit) return Duration(INT64_MAX);
    if (n < INT64_MIN / perUnit) return Duration(INT64_MIN);
    return Duration(n * perUnit);
}

Duration SparkConf::getTimeAsMs(const std::string &key, const std::string &defaultValue) const
{
    return parseTimeAsMs(get(key, defaultValue), key);
}

} // namespace dsl
