// bench_wordcount: the network word count through the engine against a hand-written loop, and
// the cost of an empty batch (issue 2, "Benchmark"). Not a ctest test: run it by hand and record
// the figures in the README's "Performance" section.
//
//   BM_HandWrittenCount  tokenize on ' ' + std::unordered_map<std::string_view, int64_t>
//   BM_EngineWordCount   socketTextStream -> flatMap split -> map (w, 1) -> reduceByKey ->
//                        foreachRDD(collect), 1 s batches, local[2], fed through the input log
//   BM_EngineWordCountCaptured  the same with a host capturing every DStream RDD (RddCapture)
//   BM_EmptyBatch        one batch of that pipeline with no input (ns per batch)
//
// The corpus: 10M words (DSL_BENCH_WORDS overrides, e.g. for callgrind) drawn from a Zipf
// distribution (s = 1.0) over a 100k-word vocabulary, in lines of 5..15 words, seeded, so every
// run of every machine sees the same text. It is built once, before any timing.
#include "engine/dstreamops.h"
#include "engine/jobscheduler.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

using namespace dsl;

namespace {

constexpr std::size_t kVocabulary = 100'000;
constexpr double kZipfS = 1.0;
constexpr std::uint64_t kCorpusSeed = 20240601;
constexpr std::int64_t kWordsPerBatch = 1'000'000; // 1 s batches: 1M words/s arrive on the socket
constexpr SimTime kSimStart{1'700'000'000'000};
constexpr int kPort = 9999;

// The timed regions are measured twice: wall-clock (ns_per_word / ns_per_batch) and this
// thread's CPU time (cpu_ns_per_word / cpu_ns_per_batch), which holds up better on a machine
// shared with other jobs. Plain numbers, not benchmark's SI-formatted rates.
struct Stopwatch {
    using Clock = std::chrono::steady_clock;
    Clock::time_point wall = Clock::now();
    double cpu = threadCpuNs();

    static double threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
    }
    double wallNs() const { return std::chrono::duration<double, std::nano>(Clock::now() - wall).count(); }
    double cpuNs() const { return threadCpuNs() - cpu; }
};

struct Corpus {
    std::vector<std::string> lines;
    std::int64_t words = 0;
    std::unordered_map<std::string, std::int64_t> expected; // reference counts, for verification
};

std::int64_t corpusWords()
{
    if (const char *env = std::getenv("DSL_BENCH_WORDS")) {
        const long long n = std::atoll(env);
        if (n > 0) return n;
    }
    return 10'000'000;
}

// Vocabulary: distinct lowercase words of 2..9 letters; rank 0 is the most frequent.
std::vector<std::string> makeVocabulary(Rng &rng)
{
    std::vector<std::string> words;
    std::unordered_set<std::string> seen;
    words.reserve(kVocabulary);
    while (words.size() < kVocabulary) {
        std::string w(2 + rng.below(8), 'a');
        for (char &c : w) c = static_cast<char>('a' + rng.below(26));
        if (seen.insert(w).second) words.push_back(std::move(w));
    }
    return words;
}

const Corpus &corpus()
{
    static const Corpus c = [] {
        Corpus k;
        Rng rng(kCorpusSeed);
        const auto vocab = makeVocabulary(rng);
        // Inverse-CDF sampling of Zipf(s) over ranks 1..N.
        std::vector<double> cdf(kVocabulary);
        double sum = 0;
        for (std::size_t r = 0; r < kVocabulary; ++r) cdf[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), kZipfS);
        for (double &x : cdf) x /= sum;
        const std::int64_t total = corpusWords();
        k.lines.reserve(static_cast<std::size_t>(total / 10 + 1));
        while (k.words < total) {
            const std::int64_t n = std::min<std::int64_t>(5 + static_cast<std::int64_t>(rng.below(11)), total - k.words);
            std::string line;
            for (std::int64_t i = 0; i < n; ++i) {
                const auto r = static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), rng.uniform()) - cdf.begin());
                const std::string &w = vocab[std::min(r, kVocabulary - 1)];
                if (i) line += ' ';
                line += w;
                ++k.expected[w];
            }
            k.words += n;
            k.lines.push_back(std::move(line));
        }
        return k;
    }();
    return c;
}

// ---- (b) the hand-written baseline ----------------------------------------------------------

std::unordered_map<std::string_view, std::int64_t> handCount(const std::vector<std::string> &lines)
{
    std::unordered_map<std::string_view, std::int64_t> counts;
    for (const std::string &line : lines) {
        const std::string_view s(line);
        std::size_t i = 0;
        while (true) {
            const std::size_t j = s.find(' ', i);
            ++counts[s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i)];
            if (j == std::string_view::npos) break;
            i = j + 1;
        }
    }
    return counts;
}

void BM_HandWrittenCount(benchmark::State &state)
{
    const Corpus &c = corpus();
    std::unordered_map<std::string_view, std::int64_t> counts;
    const Stopwatch watch;
    for (auto _ : state) {
        counts = handCount(c.lines);
        benchmark::DoNotOptimize(counts.size());
    }
    const double ns = watch.wallNs(), cpuNs = watch.cpuNs();
    bool ok = counts.size() == c.expected.size();
    for (const auto &[w, n] : counts) ok = ok && c.expected.at(std::string(w)) == n;
    if (!ok) state.SkipWithError("hand-written count disagrees with the corpus");
    state.counters["words"] = static_cast<double>(c.words);
    const double words = static_cast<double>(c.words) * static_cast<double>(state.iterations());
    state.counters["ns_per_word"] = ns / words;
    state.counters["cpu_ns_per_word"] = cpuNs / words;
}
BENCHMARK(BM_HandWrittenCount)->Unit(benchmark::kMillisecond);

// ---- the engine pipeline --------------------------------------------------------------------

// What the output operation saw: the collected (word, count) records of every batch.
struct Collected {
    std::int64_t words = 0;
    std::int64_t batchesWithData = 0;
    std::vector<Records> keep; // the collected records, kept for verification (moved, not copied)
};

// A fresh simulated JVM with the network word count of the PySpark example, in native C++.
struct WordCountApp {
    Simulation sim{SimulationConfig{kSimStart, 42, 2}};
    SparkContext sc;
    StreamingContext ssc;

    explicit WordCountApp(Collected &out)
        : sc(sim, SparkConf().setMaster("local[2]").setAppName("NetworkWordCount")), ssc(sc, Duration(1000))
    {
        auto lines = ssc.socketTextStream("localhost", kPort);
        auto words = ops::flatMap(lines, [](const Value &line, Records &o) {
            const std::string_view s = line.asStr();
            std::size_t i = 0;
            while (true) {
                const std::size_t j = s.find(' ', i);
                o.emplace_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
                if (j == std::string_view::npos) break;
                i = j + 1;
            }
        });
        auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
        auto counts = ops::reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); });
        ops::foreachRDD(counts, [&out](const RDDPtr &rdd, SimTime) {
            Records r = rdd->context().collect(rdd);
            if (r.empty()) return;
            for (const Value &kv : r) out.words += kv.value().asInt();
            ++out.batchesWithData;
            out.keep.push_back(std::move(r));
        });
        sim.inputLog().listen(kPort);
    }
};

// First batch time of a context started at kSimStart (RecurringTimer.getStartTime).
SimTime firstBatchTime()
{
    return SimTime((kSimStart.ms() / 1000 + 1) * 1000);
}

bool verify(const Corpus &c, const Collected &got)
{
    if (got.words != c.words) return false;
    std::unordered_map<std::string, std::int64_t> totals;
    for (const auto &batch : got.keep)
        for (const Value &kv : batch) totals[std::string(kv.key().asStr())] += kv.value().asInt();
    return totals == c.expected;
}

// ---- (c) the engine word count --------------------------------------------------------------

// A host that wants every DStream RDD captured (the dashboard's default limits) and keeps the
// latest delivery, as a session would hand it to its models.
struct CapturingHost : SimulationObserver {
    bool wantsRddCapture() const override { return true; }
    void onRddsCaptured(const std::vector<RddCapture> &c) override
    {
        latest = c;
        captures += static_cast<std::int64_t>(c.size());
    }
    std::vector<RddCapture> latest;
    std::int64_t captures = 0;
};

void engineWordCount(benchmark::State &state, bool capture)
{
    const Corpus &c = corpus();
    // Lines arrive evenly, kWordsPerBatch words per simulated second, from the first batch on.
    const double linesPerMs = static_cast<double>(c.lines.size()) / static_cast<double>(c.words) *
                              static_cast<double>(kWordsPerBatch) / 1000.0;
    const SimTime t0 = firstBatchTime();
    bool ok = true;
    double timedNs = 0, timedCpuNs = 0;
    for (auto _ : state) {
        state.PauseTiming(); // building the program and typing the input is not the pipeline
        Collected got;
        CapturingHost host;
        auto app = std::make_unique<WordCountApp>(got);
        if (capture) app->sim.addObserver(&host);
        for (std::size_t i = 0; i < c.lines.size(); ++i)
            app->sim.inputLog().addLine(t0 + Duration(static_cast<std::int64_t>(static_cast<double>(i) / linesPerMs)),
                                        c.lines[i]);
        const SimTime end = app->sim.inputLog().records().back().time + Duration(3000);
        state.ResumeTiming();

        const Stopwatch watch;
        app->ssc.start();
        app->ssc.awaitTerminationOrTimeout(end - app->sim.now());
        timedNs += watch.wallNs();
        timedCpuNs += watch.cpuNs();

        state.PauseTiming();
        app->ssc.stop(true, false);
        // Every batch delivers lines, words, pairs and counts.
        ok = ok && verify(c, got) && (!capture || host.captures >= 4 * got.batchesWithData);
        state.counters["batches"] = static_cast<double>(got.batchesWithData);
        app.reset();
        state.ResumeTiming();
    }
    if (!ok) state.SkipWithError("engine word count disagrees with the corpus (or captures are missing)");
    state.counters["words"] = static_cast<double>(c.words);
    const double words = static_cast<double>(c.words) * static_cast<double>(state.iterations());
    state.counters["ns_per_word"] = timedNs / words;
    state.counters["cpu_ns_per_word"] = timedCpuNs / words;
}

void BM_EngineWordCount(benchmark::State &state)
{
    engineWordCount(state, false);
}
BENCHMARK(BM_EngineWordCount)->Unit(benchmark::kMillisecond);

// The same run with a host capturing every DStream RDD (CaptureRecorder): counts, first records
// and per-key sums of lines, words, pairs and counts; its ns_per_word over BM_EngineWordCount's
// of the same run is capture's cost.
void BM_EngineWordCountCaptured(benchmark::State &state)
{
    engineWordCount(state, true);
}
BENCHMARK(BM_EngineWordCountCaptured)->Unit(benchmark::kMillisecond);

// ---- (d) an empty batch ---------------------------------------------------------------------

void BM_EmptyBatch(benchmark::State &state)
{
    Collected got;
    WordCountApp app(got);
    app.ssc.start();
    // Warm up: the receiver is connected and a few batches have completed (steady state).
    SimTime t = firstBatchTime() + Duration(5000);
    app.sim.runUntil(t);
    const auto batches0 = app.ssc.scheduler().lastCompletedBatch();
    const Stopwatch watch;
    for (auto _ : state) {
        t += Duration(1000);
        app.sim.runUntil(t);
    }
    const double ns = watch.wallNs(), cpuNs = watch.cpuNs();
    const auto batches1 = app.ssc.scheduler().lastCompletedBatch();
    if (!batches0 || !batches1 || (*batches1 - *batches0).ms() / 1000 != static_cast<std::int64_t>(state.iterations()))
        state.SkipWithError("expected one completed batch per iteration");
    app.ssc.stop(true, false);
    state.counters["ns_per_batch"] = ns / static_cast<double>(state.iterations());
    state.counters["cpu_ns_per_batch"] = cpuNs / static_cast<double>(state.iterations());
}
BENCHMARK(BM_EmptyBatch)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
