// Shared fixtures for the engine's behaviour tests: a recording observer, the socket word count,
// and QTest::toString overloads so failures print engine types readably (docs/conventions.md §18).
#pragma once

#include "engine/dstreamops.h"
#include "engine/errors.h"
#include "engine/jobscheduler.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"

#include <QtTest>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

// Found by argument-dependent lookup from QCOMPARE.
inline char *toString(const SimTime &t)
{
    return QTest::toString("SimTime(" + QByteArray::number(static_cast<qlonglong>(t.ms())) + "ms)");
}
inline char *toString(const Duration &d)
{
    return QTest::toString("Duration(" + QByteArray::number(static_cast<qlonglong>(d.ms())) + "ms)");
}

} // namespace dsl

namespace testkit {

using namespace dsl;
using namespace dsl::literals;

/// 2026-11-24 10:00:00 UTC, a whole multiple of every batch interval the tests use.
inline constexpr SimTime kT0{1'795'514'400'000};

/// Everything the engine reports through the observer interface, in order.
struct RecordingObserver : SimulationObserver {
    struct Log {
        SimTime time;
        LogLevel level;
        std::string source;
        std::string message;
    };
    std::vector<Log> logs;
    std::vector<std::pair<SimTime, std::string>> outputs;
    std::vector<BlockInfo> blocks;
    std::vector<BatchInfo> submitted;
    std::vector<BatchInfo> completed;
    std::vector<std::pair<SimTime, int>> receiverStarts;
    std::vector<JobInfo> jobs;   ///< completed Spark jobs, in completion order
    std::vector<TaskInfo> tasks; ///< finished task attempts, in finishing order

    void onLog(SimTime t, LogLevel l, const std::string &s, const std::string &m) override
    {
        logs.push_back({t, l, s, m});
    }
    void onOutput(SimTime t, const std::string &text) override { outputs.emplace_back(t, text); }
    void onBlockGenerated(SimTime, const BlockInfo &b) override { blocks.push_back(b); }
    void onBatchSubmitted(const BatchInfo &b) override { submitted.push_back(b); }
    void onBatchCompleted(const BatchInfo &b) override { completed.push_back(b); }
    void onReceiverStarted(SimTime t, int, int core) override { receiverStarts.emplace_back(t, core); }
    void onJobCompleted(const JobInfo &j) override { jobs.push_back(j); }
    void onTaskEnd(const TaskInfo &t) override { tasks.push_back(t); }

    /// Messages logged at `level` (any source), in order.
    std::vector<std::string> messages(LogLevel level) const
    {
        std::vector<std::string> out;
        for (const auto &l : logs)
            if (l.level == level) out.push_back(l.message);
        return out;
    }
    int count(LogLevel level, const std::string &message) const
    {
        int n = 0;
        for (const auto &l : logs)
            if (l.level == level && l.message == message) ++n;
        return n;
    }
    /// Every pprint/print block concatenated, as the console would show it.
    std::string allOutput() const
    {
        std::string s;
        for (const auto &o : outputs) s += o.second;
        return s;
    }
};

/// Python's str.split(" ") for the word count (words separated by single spaces).
inline void splitWords(const Value &line, Records &out)
{
    const std::string_view s = line.asStr();
    std::size_t i = 0;
    while (true) {
        const std::size_t j = s.find(' ', i);
        out.emplace_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
}

/// lines.flatMap(split).map((w, 1)).reduceByKey(+): the network word count of Spark's examples.
inline DStreamPtr wordCount(const DStreamPtr &lines)
{
    auto words = ops::flatMap(lines, splitWords);
    auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
    return ops::reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); });
}

/// A Simulation with a SparkContext on `master`, as a PySpark/Scala driver program would set up.
struct Driver {
    explicit Driver(const std::string &master = "local[2]", SimTime start = kT0, std::uint64_t seed = 42,
                    std::map<std::string, std::string> conf = {})
        : sim(SimulationConfig{start, seed, 4})
    {
        sim.addObserver(&rec);
        SparkConf c;
        c.setMaster(master).setAppName("NetworkWordCount");
        for (const auto &[k, v] : conf) c.set(k, v);
        sc = std::make_unique<SparkContext>(sim, c);
    }
    Simulation sim;
    RecordingObserver rec;
    std::unique_ptr<SparkContext> sc;
};

} // namespace testkit
