// SparkConf: string key/value settings with Spark's defaults for the keys streaming uses.
#pragma once

#include "simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace dsl {

/// Spark's SparkConf. Values are strings, as in Spark; typed getters parse them with Spark's
/// rules (time strings like "200ms", "1s", "2min"; booleans "true"/"false").
class SparkConf {
public:
    SparkConf &set(const std::string &key, const std::string &value) { m_values[key] = value; return *this; }
    SparkConf &setMaster(const std::string &master) { return set("spark.master", master); }
    SparkConf &setAppName(const std::string &name) { return set("spark.app.name", name); }
    bool contains(const std::string &key) const { return m_values.count(key) != 0; }
    std::optional<std::string> getOption(const std::string &key) const;
    std::string get(const std::string &key, const std::string &defaultValue) const;
    std::int64_t getLong(const std::string &key, std::int64_t defaultValue) const;
    int getInt(const std::string &key, int defaultValue) const;
    double getDouble(const std::string &key, double defaultValue) const;
    bool getBoolean(const std::string &key, bool defaultValue) const;
    /// Spark's getTimeAsMs: a plain number means ms; suffixes us, ms, s, m/min, h, d.
    Duration getTimeAsMs(const std::string &key, const std::string &defaultValue) const;
    const std::map<std::string, std::string> &all() const { return m_values; }

    /// Parses a Spark time string ("200ms", "1s", "2min", "500") as JavaUtils.timeStringAs does;
    /// throws NumberFormatException with Java's message on bad input (`key` is not part of it).
    static Duration parseTimeAsMs(const std::string &text, const std::string &key);

private:
    std::map<std::string, std::string> m_values;
};

/// Defaults of the streaming keys (streaming/StreamingConf.scala, docs/configuration.md).
namespace conf_defaults {
inline constexpr const char *blockInterval = "200ms";
inline constexpr std::int64_t blockQueueSize = 10;
inline constexpr std::int64_t receiverMaxRate = INT64_MAX; ///< "not set": no limit
inline constexpr int concurrentJobs = 1;
inline constexpr bool unpersist = true;
inline constexpr bool stopSparkContextByDefault = true;
inline constexpr bool stopGracefullyOnShutdown = false;
inline constexpr int uiRetainedBatches = 1000;
} // namespace conf_defaults

} // namespace dsl
