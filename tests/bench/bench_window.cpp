// bench_window: reduceByKeyAndWindow over a 60 s window sliding by 1 s, on 1M words/s, with and
// without the inverse function (issue 4, "Benchmark"). Not a ctest test: run it by hand and record
// the figures in the README's "Performance" section.
//
//   BM_WindowNaive/<w>    words.map((w, 1)).reduceByKeyAndWindow(_ + _, w s, 1 s): per batch
//                         reduceByKey, then WindowedDStream (a union of the window's w batch
//                         RDDs) and reduceByKey again: every batch re-reduces the whole window.
//   BM_WindowInverse/<w>  words.map((w, 1)).reduceByKeyAndWindow(_ + _, _ - _, w s, 1 s):
//                         ReducedWindowedDStream, previous window + new batch - batch leaving.
//   BM_PerBatchOnly/0     words.map((w, 1)).reduceByKey(_ + _): what both share; a version's
//                         cost minus this one is the cost of its window step.
//
// Both run native C++ functions on 1 s batches (local[2]) of 1M words drawn from a Zipf
// distribution (s = 1.0) over a 100k-word vocabulary, seeded; a functionStream cycles through 8
// pre-built batches so input generation is not timed. Each benchmark first fills the window
// (w batches, untimed), then times one batch per iteration. Counters:
//   ns_per_word      wall time per input word of the timed batches (the whole batch: the map,
//                    the per-batch reduceByKey and the window step)
//   cpu_ns_per_word  the same in thread CPU time (steadier on a busy machine)
//   ms_per_batch     wall time per batch
//   window_rdds      batch RDDs the window step combined per output (WindowComputation:
//                    covered for the union, added + subtracted for the inverse path)
// The inverse version's window step touches one new and one old batch whatever w is; the naive
// one touches all w. DSL_BENCH_WINDOW_WORDS overrides the words per batch (e.g. for callgrind).
#include "engine/dstreamops.h"
#include "engine/jobscheduler.h"
#include "engine/rng.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/windowdstreams.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

using namespace dsl;

namespace {

constexpr std::size_t kVocabulary = 100'000;
constexpr double kZipfS = 1.0;
constexpr std::uint64_t kSeed = 20240607;
constexpr int kDistinctBatches = 8;
constexpr std::int64_t kSlideMs = 1000;

using Clock = std::chrono::steady_clock;
double nsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count();
}
/// CPU time of this thread (the engine is single-threaded), in ns: steadier than wall time on a
/// shared machine.
double threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

std::int64_t wordsPerBatch()
{
    if (const char *env = std::getenv("DSL_BENCH_WINDOW_WORDS")) {
        const long long n = std::atoll(env);
        if (n > 0) return n;
    }
    return 1'000'000; // 1M words/s on 1 s batches
}

/// kDistinctBatches batches of words (shared string payloads: one Value per vocabulary word).
const std::vector<Records> &batches()
{
    static const std::vector<Records> data = [] {
        Rng rng(kSeed);
        std::vector<Value> vocab;
        std::unordered_set<std::string> seen;
        while (vocab.size() < kVocabulary) {
            std::string w(2 + rng.below(8), 'a');
            for (char &c : w) c = static_cast<char>('a' + rng.below(26));
            if (seen.insert(w).second) vocab.emplace_back(w);
        }
        std::vector<double> cdf(kVocabulary);
        double sum = 0;
        for (std::size_t r = 0; r < kVocabulary; ++r) cdf[r] = sum += 1.0 / std::pow(static_cast<double>(r + 1), kZipfS);
        for (double &x : cdf) x /= sum;
        std::vector<Records> out(kDistinctBatches);
        for (Records &b : out) {
            b.reserve(static_cast<std::size_t>(wordsPerBatch()));
            for (std::int64_t i = 0; i < wordsPerBatch(); ++i) {
                const auto r = static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), rng.uniform()) - cdf.begin());
                b.push_back(vocab[std::min(r, kVocabulary - 1)]);
            }
        }
        return out;
    }();
    return data;
}

Value plus(const Value &a, const Value &b)
{
    return Value(a.asInt() + b.asInt());
}
Value minus(const Value &a, const Value &b)
{
    return Value(a.asInt() - b.asInt());
}

/// A simulated JVM running the windowed word count; the output operation counts the window.
struct WindowApp {
    Simulation sim{SimulationConfig{SimTime(0), 42, 2}};
    SparkContext sc;
    StreamingContext ssc;
    DStreamPtr counts;
    const WindowDStreamBase *window = nullptr;
    std::int64_t distinctInWindow = 0;

    std::string m_checkpointDir = "/tmp";
    ~WindowApp()
    {
        if (m_checkpointDir != "/tmp") std::filesystem::remove_all(m_checkpointDir);
    }

    /// windowDuration 0: no window at all, only the per-batch reduceByKey (the baseline).
    WindowApp(bool inverse, Duration windowDuration)
        : sc(sim, SparkConf().setMaster("local[2]").setAppName("WindowedWordCount")), ssc(sc, Duration(kSlideMs))
    {
        // reduceByKeyAndWindow with an inverse function must be checkpointed (a real folder).
        char dir[] = "/tmp/dstreamlab-bench-window-XXXXXX";
        if (mkdtemp(dir)) m_checkpointDir = dir;
        ssc.checkpoint(m_checkpointDir);
        SparkContext *spark = &sc;
        auto words = ssc.functionStream([spark](SimTime t) -> std::optional<RDDPtr> {
            const auto i = static_cast<std::size_t>(t.ms() / kSlideMs) % kDistinctBatches;
            return spark->parallelize(batches()[i], 2);
        });
        auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
        if (windowDuration.ms() == 0) counts = ops::reduceByKey(pairs, plus);
        else if (inverse) counts = ops::reduceByKeyAndWindow(pairs, plus, minus, windowDuration, Duration(kSlideMs));
        else counts = ops::reduceByKeyAndWindow(pairs, plus, windowDuration, Duration(kSlideMs));
        // The WindowedDStream under the naive version's final reduceByKey, or the
        // ReducedWindowedDStream itself.
        for (DStreamPtr s = counts; s && !window; s = s->dependencies().empty() ? nullptr : s->dependencies()[0])
            window = dynamic_cast<const WindowDStreamBase *>(s.get());
        ops::foreachRDD(counts, [this](const RDDPtr &rdd, SimTime) { distinctInWindow = sc.count(rdd); });
    }

    /// Runs until batch `t` has completed.
    bool runThrough(SimTime t)
    {
        while (!ssc.scheduler().lastCompletedBatch() || *ssc.scheduler().lastCompletedBatch() < t)
            if (!sim.step()) return false;
        return !ssc.hasError();
    }

    /// Sum of the counts in the window at its newest output (every word in the window once).
    std::int64_t windowTotal()
    {
        std::int64_t total = 0;
        for (const Value &kv : sc.collect(counts->generatedRDDs().rbegin()->second)) total += kv.value().asInt();
        return total;
    }
};

void runWindow(benchmark::State &state, bool inverse)
{
    const auto windowBatches = static_cast<std::int64_t>(state.range(0));
    const std::int64_t words = wordsPerBatch();
    batches(); // built before any timing
    WindowApp app(inverse, Duration(windowBatches * kSlideMs));
    app.ssc.start();
    // Fill the window (untimed): batches 1 .. w.
    SimTime t(std::max<std::int64_t>(windowBatches, 1) * kSlideMs);
    if (!app.runThrough(t)) {
        state.SkipWithError("warm-up failed");
        return;
    }
    double ns = 0, cpuNs = 0;
    std::int64_t timedBatches = 0;
    for (auto _ : state) {
        t += Duration(kSlideMs);
        const auto start = Clock::now();
        const double cpuStart = threadCpuNs();
        const bool ok = app.runThrough(t);
        cpuNs += threadCpuNs() - cpuStart;
        ns += nsSince(start);
        ++timedBatches;
        if (!ok) {
            state.SkipWithError("batch failed");
            break;
        }
    }
    // The window step of the last output, and a check that the window holds w batches of words.
    double combined = 0;
    if (app.window) {
        const WindowComputation &c = app.window->windowComputations().rbegin()->second;
        combined = static_cast<double>(c.incremental ? c.added.size() + c.subtracted.size() : c.covered.size());
    }
    const std::int64_t total = app.windowTotal();
    if (total != std::max<std::int64_t>(windowBatches, 1) * words)
        state.SkipWithError("the window does not hold w batches of words");
    app.ssc.stop(true, false);
    state.counters["ns_per_word"] = ns / (static_cast<double>(timedBatches) * static_cast<double>(words));
    state.counters["cpu_ns_per_word"] = cpuNs / (static_cast<double>(timedBatches) * static_cast<double>(words));
    state.counters["ms_per_batch"] = ns / 1e6 / static_cast<double>(timedBatches);
    state.counters["window_rdds"] = combined;
    state.counters["distinct_words"] = static_cast<double>(app.distinctInWindow);
}

/// The part both versions share: map and the per-batch reduceByKey, no window.
void BM_PerBatchOnly(benchmark::State &state)
{
    runWindow(state, false);
}
void BM_WindowNaive(benchmark::State &state)
{
    runWindow(state, false);
}
void BM_WindowInverse(benchmark::State &state)
{
    runWindow(state, true);
}

// Window length in batches (1 s each): 60 is the case; 10 shows which cost follows it.
BENCHMARK(BM_PerBatchOnly)->Arg(0)->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WindowNaive)->Arg(60)->Arg(10)->Iterations(10)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WindowInverse)->Arg(60)->Arg(10)->Iterations(10)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
