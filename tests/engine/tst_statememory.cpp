// Qt Test: memory stays bounded over a long run of stateful streams.
//
// A 30 s window (reduceByKeyAndWindow with an inverse function, Spark's ReducedWindowedDStream)
// and a running count (updateStateByKey, StateDStream) over a 10 000-word vocabulary, fed five
// words per 1 s batch by a functionStream. What Spark's rules keep (docs/spark-semantics.md §8, §9):
// generatedRDDs for the remember duration (window + 2 x checkpoint interval), a lineage cut at
// every RDD checkpoint, spark.streaming.ui.retainedBatches batch infos. The test measures every
// one of those after 10 000 batches and again at the end of the run, and requires them to be the
// same: nothing grows with the number of batches.
//
// The number of batches is DSTREAMLAB_STATEMEMORY_BATCHES (default 3000, the test prints the count
// it uses; 100000 checks 10 000 against 100 000 batches). Each batch touches every key of the
// state (updateStateByKey calls its function for every key, every batch, as Spark does), so a
// run costs batches x 10 000 keys: about 35 ms per batch in a release build.
// DSTREAMLAB_STATEMEMORY_PROGRESS=1 logs the progress every 1000 batches.
// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "engine/dstreamops.h"
#include "engine/jobscheduler.h"
#include "engine/simulation.h"
#include "engine/sparkcontext.h"
#include "engine/statedstreams.h"
#include "engine/streamingcontext.h"
#include "engine/windowdstreams.h"
#endif

#include <QtTest>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace dsl;

namespace {

constexpr int kVocabulary = 10'000;
constexpr int kWordsPerBatch = 5;
constexpr int kFullVocabulary = kVocabulary / kWordsPerBatch; // batches until every word was seen
/// The default keeps the suite's time reasonable (also under ASan); the full check is
/// DSTREAMLAB_STATEMEMORY_BATCHES=100000 (about 35 ms per batch once the state holds 10 000 keys).
constexpr int kDefaultBatches = 3'000;

int batchesToRun()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("DSTREAMLAB_STATEMEMORY_BATCHES", &ok);
    return ok && n > 0 ? n : kDefaultBatches;
}

std::string word(int i)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "w%04d", i % kVocabulary);
    return buf;
}

/// Distinct RDDs reachable from rdd through its dependencies, and the longest dependency path.
struct Lineage {
    int nodes = 0;
    int depth = 0;
};
Lineage lineageOf(const RDDPtr &rdd)
{
    std::map<int, int> depthOf; // RDD id -> longest path below it (memoised walk of the DAG)
    std::function<int(const RDD &)> walk = [&](const RDD &r) -> int {
        if (auto it = depthOf.find(r.id()); it != depthOf.end()) return it->second;
        int d = 0;
        for (const auto &dep : r.dependencies()) d = std::max(d, 1 + walk(*dep.rdd));
        depthOf[r.id()] = d;
        return d;
    };
    const int depth = walk(*rdd);
    return {static_cast<int>(depthOf.size()), depth};
}

/// Everything the run retains that could grow with the number of batches.
struct Footprint {
    std::map<std::string, std::size_t> generated; ///< stream -> generatedRDDs().size()
    std::size_t windowComputations = 0;
    std::size_t stateMetrics = 0;
    std::size_t cachedPartitions = 0; ///< over every RDD the streams still hold
    std::size_t retainedBatches = 0;  ///< JobScheduler::batches()
    std::size_t trace = 0;            ///< Simulation::recentTrace()
    std::size_t adHocJobs = 0;
    std::int64_t stateKeys = 0;
    Lineage maxStateLineage, maxWindowLineage; ///< the largest over the last checkpoint interval

    bool operator==(const Footprint &o) const
    {
        return generated == o.generated && windowComputations == o.windowComputations && stateMetrics == o.stateMetrics &&
               cachedPartitions == o.cachedPartitions && retainedBatches == o.retainedBatches && trace == o.trace &&
               adHocJobs == o.adHocJobs && stateKeys == o.stateKeys && maxStateLineage.nodes == o.maxStateLineage.nodes &&
               maxStateLineage.depth == o.maxStateLineage.depth && maxWindowLineage.nodes == o.maxWindowLineage.nodes &&
               maxWindowLineage.depth == o.maxWindowLineage.depth;
    }
    std::string describe() const
    {
        std::string s;
        for (const auto &[name, n] : generated) s += name + ".generatedRDDs=" + std::to_string(n) + " ";
        s += "windowComputations=" + std::to_string(windowComputations) + " stateMetrics=" + std::to_string(stateMetrics) +
             " cachedPartitions=" + std::to_string(cachedPartitions) + " retainedBatches=" + std::to_string(retainedBatches) +
             " trace=" + std::to_string(trace) + " adHocJobs=" + std::to_string(adHocJobs) +
             " stateKeys=" + std::to_string(stateKeys) + " stateLineage(nodes " + std::to_string(maxStateLineage.nodes) +
             ", depth " + std::to_string(maxStateLineage.depth) + ") windowLineage(nodes " +
             std::to_string(maxWindowLineage.nodes) + ", depth " + std::to_string(maxWindowLineage.depth) + ")";
        return s;
    }
};

long residentKiB()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f) return -1;
    long pages = 0, resident = 0;
    const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
    std::fclose(f);
    return n == 2 ? resident * 4 : -1;
}

} // namespace

class TestStateMemory : public QObject {
    Q_OBJECT

private slots:
    void boundedOverLongRun()
    {
        // Measured after a tenth of the run (10 000 of 100 000 batches), but not before the state
        // holds the whole vocabulary, and at the end.
        const int total = std::max(batchesToRun(), kFullVocabulary + 120);
        const int first = std::max(total / 10, kFullVocabulary + 20);
        qInfo("batches: %d (DSTREAMLAB_STATEMEMORY_BATCHES, default %d), measured at %d and %d; vocabulary %d words, "
              "%d words per batch",
              total, kDefaultBatches, first, total, kVocabulary, kWordsPerBatch);

        Simulation sim{SimulationConfig{SimTime(0)}};
        SparkConf conf;
        conf.setMaster("local[2]").setAppName("StateMemory");
        SparkContext sc(sim, conf);
        auto ssc = std::make_unique<StreamingContext>(sc, Duration(1000));
        QTemporaryDir checkpointDir;
        QVERIFY(checkpointDir.isValid());
        ssc->checkpoint(checkpointDir.path().toStdString());

        // Batch i (1-based) carries words 5(i-1) .. 5(i-1)+4 of the vocabulary: after 2 000
        // batches every word has been seen, and the state holds the whole vocabulary.
        SparkContext *spark = &sc;
        const DStreamPtr lines = ssc->functionStream([spark](SimTime t) -> std::optional<RDDPtr> {
            const int i = static_cast<int>(t.ms() / 1000);
            Records words;
            for (int j = 0; j < kWordsPerBatch; ++j) words.emplace_back(word((i - 1) * kWordsPerBatch + j));
            return spark->parallelize(std::move(words), 2);
        });
        const DStreamPtr pairs = ops::map(lines, [](const Value &w) { return Value::pair(w, Value(1)); });
        auto plus = [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); };
        auto minus = [](const Value &a, const Value &b) { return Value(a.asInt() - b.asInt()); };
        const DStreamPtr windowed = ops::reduceByKeyAndWindow(pairs, plus, minus, Duration(30'000), Duration(1000));
        const DStreamPtr state = ops::updateStateByKey(
            pairs, [](SimTime, const Value &, const Records &values, const std::optional<Value> &s) -> std::optional<Value> {
                long long sum = s ? s->asInt() : 0;
                for (const Value &v : values) sum += v.asInt();
                return Value(sum);
            });
        // Output operations: a count of each stream per batch; the sums are checked at the end.
        std::int64_t stateCount = 0, windowCount = 0;
        ops::foreachRDD(windowed, [&](const RDDPtr &rdd, SimTime) { windowCount = sc.count(rdd); });
        ops::foreachRDD(state, [&](const RDDPtr &rdd, SimTime) { stateCount = sc.count(rdd); });

        const auto *windowBase = dynamic_cast<const WindowDStreamBase *>(windowed.get());
        const auto *stateBase = dynamic_cast<const StatefulDStreamBase *>(state.get());
        QVERIFY(windowBase && stateBase);

        auto footprint = [&](const Lineage &stateLineage, const Lineage &windowLineage) {
            Footprint f;
            std::set<const RDD *> held;
            for (const auto &s : ssc->graph().allStreams()) {
                f.generated[s->toString()] = s->generatedRDDs().size();
                for (const auto &[t, rdd] : s->generatedRDDs())
                    if (held.insert(rdd.get()).second) f.cachedPartitions += static_cast<std::size_t>(rdd->cachedPartitionCount());
            }
            f.windowComputations = windowBase->windowComputations().size();
            f.stateMetrics = stateBase->stateMetrics().size();
            f.retainedBatches = ssc->scheduler().batches().size();
            f.trace = sim.recentTrace().size();
            f.adHocJobs = sc.adHocJobs().size();
            f.stateKeys = stateCount;
            f.maxStateLineage = stateLineage;
            f.maxWindowLineage = windowLineage;
            return f;
        };

        QElapsedTimer timer;
        timer.start();
        ssc->start();
        ssc->awaitTerminationOrTimeout(Duration(500)); // half a batch behind: each batch's jobs are done
        Lineage maxState, maxWindow;
        Footprint atFirst;
        long rssFirst = 0;
        for (int b = 1; b <= total; ++b) {
            ssc->awaitTerminationOrTimeout(Duration(1000));
            if (ssc->hasError()) std::rethrow_exception(ssc->takeError());
            if (qEnvironmentVariableIsSet("DSTREAMLAB_STATEMEMORY_PROGRESS") && b % 1000 == 0)
                qInfo("%d batches, %.1f s", b, timer.elapsed() / 1000.0);
            // Lineage of the newest state and window RDDs, over the last 20 batches (two
            // checkpoint intervals) before each measurement.
            if ((b > first - 20 && b <= first) || b > total - 20) {
                const SimTime t(1000LL * b);
                const Lineage s = lineageOf(state->generatedRDDs().at(t));
                const Lineage w = lineageOf(windowed->generatedRDDs().at(t));
                maxState = {std::max(maxState.nodes, s.nodes), std::max(maxState.depth, s.depth)};
                maxWindow = {std::max(maxWindow.nodes, w.nodes), std::max(maxWindow.depth, w.depth)};
            }
            if (b == first) {
                atFirst = footprint(maxState, maxWindow);
                rssFirst = residentKiB();
                maxState = maxWindow = Lineage{};
                qInfo("after %d batches (%.1f s): %s; RSS %ld KiB", b, timer.elapsed() / 1000.0, atFirst.describe().c_str(),
                      rssFirst);
            }
        }
        const Footprint atEnd = footprint(maxState, maxWindow);
        const long rssEnd = residentKiB();
        qInfo("after %d batches (%.1f s): %s; RSS %ld KiB", total, timer.elapsed() / 1000.0, atEnd.describe().c_str(), rssEnd);

        // The state holds the whole vocabulary and the running counts add up to every word seen;
        // the window holds every word ever seen (no filter function: keys stay at 0), summing to
        // its last 30 batches.
        long long stateSum = 0, windowSum = 0;
        for (const Value &kv : sc.collect(state->generatedRDDs().rbegin()->second)) stateSum += kv.value().asInt();
        for (const Value &kv : sc.collect(windowed->generatedRDDs().rbegin()->second)) windowSum += kv.value().asInt();
        ssc->stop();
        QCOMPARE(atEnd.stateKeys, std::int64_t(kVocabulary));
        QCOMPARE(windowCount, std::int64_t(kVocabulary));
        QCOMPARE(stateSum, static_cast<long long>(total) * kWordsPerBatch);
        QCOMPARE(windowSum, 30LL * kWordsPerBatch);
        // Nothing retained grows with the number of batches.
        QVERIFY2(atEnd == atFirst, ("at " + std::to_string(first) + ": " + atFirst.describe() + "\nat " +
                                    std::to_string(total) + ": " + atEnd.describe())
                                       .c_str());
        // And the numbers are the ones Spark's rules give: state checkpoint 10 s -> remember 20 s;
        // window checkpoint 10 s -> remember 20 s, its per-batch reduceByKey 20 + 30 = 50 s.
        QCOMPARE(atEnd.generated.at(state->toString()), std::size_t(20));
        QCOMPARE(atEnd.generated.at(windowed->toString()), std::size_t(20));
        QCOMPARE(atEnd.generated.at(windowed->dependencies().at(0)->toString()), std::size_t(50));
        QCOMPARE(atEnd.generated.at(pairs->toString()), std::size_t(50));
        QVERIFY(atEnd.retainedBatches <= 1000); // spark.streaming.ui.retainedBatches
        // A lineage reaches back at most one checkpoint interval (10 batches).
        QVERIFY2(atEnd.maxStateLineage.depth < 10 * 8, atEnd.describe().c_str());
        // Resident memory, for the log; allocator behaviour (and ASan's quarantine) makes it too
        // noisy to compare exactly, so only a gross leak fails: it may not double.
        QVERIFY2(rssFirst <= 0 || rssEnd < rssFirst * 2 + 64 * 1024,
                 ("RSS " + std::to_string(rssFirst) + " KiB -> " + std::to_string(rssEnd) + " KiB").c_str());
    }
};

int main(int argc, char **argv)
{
    // A long run (DSTREAMLAB_STATEMEMORY_BATCHES) outlasts Qt Test's default 5-minute function
    // timeout; ctest's TIMEOUT still bounds the suite.
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT")) qputenv("QTEST_FUNCTION_TIMEOUT", "86400000");
    TestStateMemory test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_statememory.moc"
