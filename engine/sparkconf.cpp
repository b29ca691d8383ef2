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

Duration SparkConf::parseTimeAsMs(const std::string &text, const std::string &key)
{
    std::string t = trimmed(text);
    for (auto &c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-') ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    std::string num = t.substr(0, i), suffix = trimmed(t.substr(i));
    std::int64_t n = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (num.empty() || num == "-" || ec != std::errc() || p != num.data() + num.size())
        throw IllegalArgumentException("Invalid time string for " + key + ": '" + text +
                                       "' (expected a number with an optional unit: us, ms, s, m, min, h, d)");
    if (suffix.empty() || suffix == "ms") return Duration(n);
    if (suffix == "us") return Duration(n / 1000);
    if (suffix == "s") return Duration(n * 1000);
    if (suffix == "m" || suffix == "min") return Duration(n * 60000);
    if (suffix == "h") return Duration(n * 3600000);
    if (suffix == "d") return Duration(n * 86400000);
    throw IllegalArgumentException("Invalid suffix: \"" + suffix + "\" in time string for " + key + ": '" + text + "'");
}

Duration SparkConf::getTimeAsMs(const std::string &key, const std::string &defaultValue) const
{
    return parseTimeAsMs(get(key, defaultValue), key);
}

} // namespace dsl
