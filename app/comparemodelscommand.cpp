// `dstreamlab compare-models`: the options, then one table row per model and batch interval.
#include "comparemodelscommand.h"

#include "engine/recordmodel.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>

namespace dsl::app {

namespace {

using models::ModelComparison;
using models::ModelComparisonSettings;

/// A whole number (no sign, no trailing text), or nullopt.
std::optional<long long> parseInt(const std::string &s)
{
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

/// A finite decimal number (no trailing text), or nullopt.
std::optional<double> parseNumber(const std::string &s)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// "0.5,1,2" (seconds) as whole milliseconds; nullopt for anything else.
std::optional<std::vector<Duration>> parseIntervals(const std::string &s)
{
    std::vector<Duration> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');) {
        const auto v = parseNumber(item);
        if (!v || *v <= 0) return std::nullopt;
        out.emplace_back(static_cast<std::int64_t>(std::llround(*v * 1000)));
    }
    if (out.empty() || s.back() == ',') return std::nullopt;
    return out;
}

int usageError(const std::string &message)
{
    std::cerr << "dstreamlab compare-models: " << message << "\n(see dstreamlab compare-models --help)\n";
    return 2;
}

std::string seconds(Duration d)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(d.ms()) / 1000.0);
    return buf;
}

void printTable(const ModelComparison &c)
{
    const ModelComparisonSettings &s = c.settings;
    std::printf("Word count, %d cores, %.0f lines/s of %d words, %s of input, seed %llu\n\n", s.cores, s.lineRate,
                s.wordsPerLine, seconds(s.span).c_str(), static_cast<unsigned long long>(s.seed));
    std::printf("%-18s %8s %14s %14s %20s %9s\n", "model", "interval", "mean latency", "p99 latency",
                "max throughput", "at rate");
    for (const auto &r : c.rows) {
        const std::string interval = r.batchInterval ? seconds(*r.batchInterval) : "-";
        std::printf("%-18s %8s %11.3f ms %11.3f ms %13.0f lines/s %9s\n", r.model.c_str(), interval.c_str(),
                    r.meanLatencyMs, r.p99LatencyMs, r.maxThroughput, r.stable ? "stable" : "UNSTABLE");
    }
    std::printf("\nAssumptions:\n");
    for (const auto &a : c.assumptions) std::printf("  - %s\n", a.c_str());
}

} // namespace

std::string compareModelsUsage()
{
    return "usage: dstreamlab compare-models [--cores N] [--rate LINES_PER_S] [--words N]\n"
           "                                 [--intervals 0.5,1,2] [--seconds S] [--seed N]\n"
           "  The word count as Spark Streaming's micro-batches (on the simulated engine, one row per\n"
           "  batch interval) and as a Storm-style record-at-a-time topology: mean and p99 end-to-end\n"
           "  latency at the given rate, and each one's maximum sustainable throughput.\n"
           "  --cores N         cores of each (one reads the input), 2-64; default 2 (local[2])\n"
           "  --rate R          input lines per second; default 10000\n"
           "  --words N         words per line, 1-200; default 5\n"
           "  --intervals LIST  batch intervals in seconds, comma-separated, each >= 0.2; default 0.5,1,2\n"
           "  --seconds S       how long lines arrive, 1-600; default 10\n"
           "  --seed N          the engine's seed (task jitter); default 42\n";
}

int compareModelsCommand(const std::vector<std::string> &args)
{
    ModelComparisonSettings s;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &opt = args[i];
        if (opt == "--help" || opt == "-h") {
            std::cout << compareModelsUsage();
            return 0;
        }
        if (opt != "--cores" && opt != "--rate" && opt != "--words" && opt != "--intervals" && opt != "--seconds" &&
            opt != "--seed")
            return usageError("unknown option '" + opt + "'");
        if (i + 1 >= args.size()) return usageError(opt + " needs a value");
        const std::string &v = args[++i];
        const auto bad = [&] { return usageError("bad value '" + v + "' for " + opt); };
        if (opt == "--cores") {
            const auto n = parseInt(v);
            if (!n || *n < 0 || *n > 1000) return bad();
            s.cores = static_cast<int>(*n);
        } else if (opt == "--rate") {
            const auto r = parseNumber(v);
            if (!r) return bad();
            s.lineRate = *r;
        } else if (opt == "--words") {
            const auto n = parseInt(v);
            if (!n || *n < 0 || *n > 1000) return bad();
            s.wordsPerLine = static_cast<int>(*n);
        } else if (opt == "--intervals") {
            const auto l = parseIntervals(v);
            if (!l) return bad();
            s.batchIntervals = *l;
        } else if (opt == "--seconds") {
            const auto n = parseNumber(v);
            if (!n || *n <= 0 || *n > 1e6) return bad();
            s.span = Duration(static_cast<std::int64_t>(std::llround(*n * 1000)));
        } else {
            const auto n = parseInt(v);
            if (!n || *n < 0) return bad();
            s.seed = static_cast<std::uint64_t>(*n);
        }
    }
    if (const std::string why = models::validate(s); !why.empty()) return usageError(why);
    printTable(models::compareModels(s));
    return 0;
}

} // namespace dsl::app
