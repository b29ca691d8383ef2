// Qt Test: a long run keeps the engine's memory flat, as Spark's clearMetadata keeps a streaming
// application's (docs/spark-semantics.md §9): DStream.clearMetadata drops RDDs older than the remember
// duration, JobGenerator.clearMetadata drops received block metadata and input infos, the
// StreamingJobProgressListener keeps spark.streaming.ui.retainedBatches completed batches.
//
// The run length comes from DSTREAMLAB_CLEANUP_BATCHES (default 100000 one-second batches, 20000
// in sanitizer/debug builds); the second row is capped at 20000 (it only varies the UI retention).
// The sizes measured at batch 10,000 must equal those at the end. The input log is the exception by
// design: it is the run's record of what was typed (kept for replay), so it grows with the input.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"
#endif

#include <QtTest>

#include <cstdlib>

using namespace testkit;

namespace {

// 100,000 batches take ~3 s per row in an optimized build. Sanitizer and unoptimized builds (the
// CI's Debug + ASan/UBSan run) are 10-50x slower, so there the default is 12,000: still past the
// first checkpoint (10,000), which is what shows the sizes are flat.
#if defined(__SANITIZE_ADDRESS__)
#define DSTREAMLAB_SLOW_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DSTREAMLAB_SLOW_BUILD 1
#endif
#endif
#if !defined(DSTREAMLAB_SLOW_BUILD) && !defined(NDEBUG)
#define DSTREAMLAB_SLOW_BUILD 1
#endif
#ifdef DSTREAMLAB_SLOW_BUILD
constexpr std::int64_t kDefaultBatches = 12'000;
#else
constexpr std::int64_t kDefaultBatches = 100'000;
#endif
constexpr std::int64_t kFirstCheckpoint = 10'000;
constexpr std::int64_t kChunk = 1'000; // batches per awaitTerminationOrTimeout call

std::int64_t batchesFromEnv()
{
    if (const char *v = std::getenv("DSTREAMLAB_CLEANUP_BATCHES")) {
        char *end = nullptr;
        const long long n = std::strtoll(v, &end, 10);
        if (end && *end == '\0' && n > 0) return n;
    }
    return kDefaultBatches;
}

/// Everything whose size must not depend on how long the program has run.
struct Sizes {
    std::vector<std::size_t> generatedRdds; ///< per DStream of the graph, in graph order
    std::size_t batches = 0;
    std::size_t waiting = 0;
    std::size_t recentBlocks = 0;
    std::size_t recentTrace = 0;
    std::size_t adHocJobs = 0;
    bool operator==(const Sizes &) const = default;
};

char *toString(const Sizes &s)
{
    QByteArray r = "Sizes(rdds=[";
    for (std::size_t n : s.generatedRdds) r += QByteArray::number(qulonglong(n)) + ' ';
    r += "] batches=" + QByteArray::number(qulonglong(s.batches)) + " waiting=" + QByteArray::number(qulonglong(s.waiting)) +
         " blocks=" + QByteArray::number(qulonglong(s.recentBlocks)) +
         " trace=" + QByteArray::number(qulonglong(s.recentTrace)) +
         " adhoc=" + QByteArray::number(qulonglong(s.adHocJobs)) + ")";
    return qstrdup(r.constData());
}

Sizes measure(const Driver &d, const StreamingContext &ssc)
{
    Sizes s;
    for (const auto &stream : ssc.graph().allStreams()) s.generatedRdds.push_back(stream->generatedRDDs().size());
    s.batches = ssc.scheduler().batches().size();
    s.waiting = ssc.scheduler().waitingBatches();
    s.recentBlocks = ssc.scheduler().recentBlocks().size();
    s.recentTrace = d.sim.recentTrace().size();
    s.adHocJobs = d.sc->adHocJobs().size();
    return s;
}

} // namespace

class TestCleanup : public QObject {
    Q_OBJECT

private slots:
    void memoryStaysFlat_data();
    void memoryStaysFlat();
};

void TestCleanup::memoryStaysFlat_data()
{
    QTest::addColumn<QString>("retainedBatches"); // spark.streaming.ui.retainedBatches, empty = default 1000
    QTest::addColumn<int>("retainedExpected");
    QTest::addColumn<qint64>("maxBatches");       // cap on the run length for this row

    QTest::newRow("socket-word-count-default-retained-batches") << QString() << 1000 << qint64(INT64_MAX);
    QTest::newRow("socket-word-count-retaining-100-batches") << QStringLiteral("100") << 100 << qint64(20'000);
}

void TestCleanup::memoryStaysFlat()
{
    QFETCH(QString, retainedBatches);
    QFETCH(int, retainedExpected);
    QFETCH(qint64, maxBatches);
    const std::int64_t total = std::max(std::min<std::int64_t>(batchesFromEnv(), maxBatches), kFirstCheckpoint);
    std::map<std::string, std::string> conf;
    if (!retainedBatches.isEmpty()) conf["spark.streaming.ui.retainedBatches"] = retainedBatches.toStdString();
    Driver d("local[2]", kT0, 42, conf);
    // Count instead of recording: the recording observer would itself grow with the run.
    struct Counter : SimulationObserver {
        std::int64_t outputs = 0, completed = 0;
        void onOutput(SimTime, const std::string &) override { ++outputs; }
        void onBatchCompleted(const BatchInfo &) override { ++completed; }
    } counter;
    d.sim.removeObserver(&d.rec);
    d.sim.addObserver(&counter);
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    auto counts = wordCount(lines);
    ops::pprint(counts);
    d.sim.inputLog().listen(9999);
    ssc.start();

    // Two lines per batch, typed just ahead of the simulation, a chunk at a time.
    std::int64_t done = 0;
    std::optional<Sizes> atCheckpoint;
    while (done < total) {
        const std::int64_t n = std::min(kChunk, total - done);
        for (std::int64_t b = done; b < done + n; ++b) {
            const SimTime second = kT0 + Duration(1000 * b);
            d.sim.inputLog().addLine(second + 250_ms, "to be or not to be");
            d.sim.inputLog().addLine(second + 700_ms, "that is the question");
        }
        // Batch k is at kT0 + k s; stop 100 ms after batch done+n, once it has completed and
        // before the next chunk's first line (at +250 ms) is due.
        ssc.awaitTerminationOrTimeout(done == 0 ? Duration(1000 * n + 100) : Duration(1000 * n));
        done += n;
        if (done == kFirstCheckpoint) atCheckpoint = measure(d, ssc);
    }
    const Sizes atEnd = measure(d, ssc);

    QVERIFY(atCheckpoint.has_value());
    {
        std::unique_ptr<char[]> text(toString(atEnd));
        qInfo("after %lld batches: %s", static_cast<long long>(total), text.get());
    }
    QCOMPARE(atEnd, *atCheckpoint);
    // Every batch ran; none is left behind.
    QVERIFY(ssc.scheduler().lastCompletedBatch().has_value());
    QCOMPARE(*ssc.scheduler().lastCompletedBatch(), kT0 + Duration(1000 * total));
    // The bounds themselves, from Spark's rules: RDDs for at most rememberDuration / slide + 1
    // batch times per stream (remember = slide = 1 s here), the retained completed batches plus
    // the few not yet completed.
    for (std::size_t n : atEnd.generatedRdds) QVERIFY2(n <= 2, qPrintable(QString::number(n)));
    QVERIFY(atEnd.batches >= static_cast<std::size_t>(retainedExpected));
    QVERIFY(atEnd.batches <= static_cast<std::size_t>(retainedExpected) + 2);
    QVERIFY(atEnd.waiting <= 1);
    // Received blocks of old batches are gone (ReceivedBlockTracker.cleanupOldBatches).
    QVERIFY(ssc.scheduler().blocksOfBatch(kT0 + 1_s, lines->id()).empty());
    QVERIFY(ssc.scheduler().blocksOfBatch(kT0 + Duration(1000 * (total - 100)), lines->id()).empty());
    // Every batch completed and printed.
    QCOMPARE(counter.completed, total);
    QCOMPARE(counter.outputs, total);
    d.sim.removeObserver(&counter);
    ssc.stop(true, false);
}

QTEST_APPLESS_MAIN(TestCleanup)
#include "tst_cleanup.moc"
