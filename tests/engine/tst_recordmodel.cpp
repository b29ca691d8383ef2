// Qt Test: micro-batch vs record-at-a-time (engine/recordmodel.h, docs/throughput-latency.md).
//
// Every expected figure is derived by hand from the constants of engine/costmodel.h, written
// below as sums of those constants (so a deliberate change of a constant moves the golden with it)
// and, in the comments, as numbers for today's values:
//   w = nativeRecordNs + pythonRecordNs = 1,050 ns (one record of word count work)
//   E = stormTupleEmitNs = 2,000, X = stormTupleExecuteNs = 2,000, U = stormAckerUpdateNs = 1,000,
//   H = stormHopDelayNs = 500,000 (a delay, not CPU).
// Record model, per line of W words: spout 2E (line + ACKER_INIT), split X + (1+W)w + (W+1)E,
// count X + w + E per word, acker X + U per message (W + 2 of them), + E for the last, which
// emits the ack the spout executes (X).
// moc cannot parse the C++20 headers the engine pulls in (<compare>); it needs none of it.
#ifndef Q_MOC_RUN
#include "engine/costmodel.h"
#include "engine/recordmodel.h"
#endif

#include <QTest>

#include <cmath>

using namespace dsl;
using namespace dsl::models;

namespace {
constexpr std::int64_t w = cost::nativeRecordNs + cost::pythonRecordNs;
constexpr std::int64_t E = cost::stormTupleEmitNs;
constexpr std::int64_t X = cost::stormTupleExecuteNs;
constexpr std::int64_t U = cost::stormAckerUpdateNs;
constexpr std::int64_t H = cost::stormHopDelayNs;

constexpr std::int64_t split(std::int64_t W) { return X + (1 + W) * w + (W + 1) * E; }
constexpr std::int64_t count() { return X + w + E; }
constexpr std::int64_t acker() { return X + U; }

/// Bolt-pool CPU per line, summed task by task: split, W counts, W + 2 acker messages, the
/// last one's emit. W = 5: 20,300 + 25,250 + 21,000 + 2,000 = 68,550 ns.
constexpr std::int64_t boltPerLine(std::int64_t W) { return split(W) + W * count() + (W + 2) * acker() + E; }
/// Spout CPU per line: 2E + X = 6,000 ns.
constexpr std::int64_t spoutPerLine() { return 2 * E + X; }
} // namespace

class TestRecordModel : public QObject {
    Q_OBJECT

private slots:
    void perLineCostsAreTheHandSums_data();
    void perLineCostsAreTheHandSums();
    void recordLatencyAtALowRateIsTheCriticalPath_data();
    void recordLatencyAtALowRateIsTheCriticalPath();
    void recordStabilityFollowsCapacity_data();
    void recordStabilityFollowsCapacity();
    void recordMaxThroughputIsCoresOverServiceTime_data();
    void recordMaxThroughputIsCoresOverServiceTime();
    void recordUtilisationIsOfferedLoad();
    void explicitArrivalsAreUsed();
    void microBatchLatencyWithinHandBounds();
    void microBatchAboveCapacityIsUnstable();
    void microBatchMaxThroughputWithinHandBounds_data();
    void microBatchMaxThroughputWithinHandBounds();
    void searchFindsAThresholdToTwoPercent_data();
    void searchFindsAThresholdToTwoPercent();
    void comparisonShowsTheTradeOffAndIsDeterministic();
    void badSettingsAreRejected_data();
    void badSettingsAreRejected();
};

void TestRecordModel::perLineCostsAreTheHandSums_data()
{
    QTest::addColumn<int>("words");
    QTest::newRow("one-word-lines") << 1;
    QTest::newRow("five-word-lines") << 5;
    QTest::newRow("twenty-word-lines") << 20;
}

void TestRecordModel::perLineCostsAreTheHandSums()
{
    QFETCH(int, words);
    QCOMPARE(wordCountLineNs(words), (1 + 2 * words) * w);
    QCOMPARE(recordModelBoltNsPerLine(words), boltPerLine(words));
    QCOMPARE(recordModelSpoutNsPerLine(), spoutPerLine());
}

void TestRecordModel::recordLatencyAtALowRateIsTheCriticalPath_data()
{
    // At 10 lines/s every line is alone in the topology. The critical path: the spout's emit (2E),
    // a hop (H), the split (S), a hop, the counts, a hop, the last acker message (A + E, A = X + U),
    // a hop, the spout's ack (X). With H far longer than any task, every hop lets the pool drain:
    //  - one bolt core: the W counts run one after another (W * C); the acker messages of the
    //    first counts fit between the later ones, so the last is cW's, H after it:
    //    W = 5: 4,000 + 20,300 + 25,250 + 5,000 + 2,000 + 4H = 2,056,550 ns;
    //    W = 1: 4,000 + 8,100 + 5,050 + 5,000 + 2,000 + 4H = 2,024,150 ns.
    //  - seven bolt cores: the five counts run side by side (C), their acks too:
    //    W = 5: 4,000 + 20,300 + 5,050 + 5,000 + 2,000 + 4H = 2,036,350 ns.
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("words");
    QTest::addColumn<qint64>("expectedNs");
    QTest::newRow("one-bolt-core-five-words-counts-in-sequence")
        << 2 << 5 << qint64(2 * E + split(5) + 5 * count() + acker() + E + X + 4 * H);
    QTest::newRow("one-bolt-core-one-word")
        << 2 << 1 << qint64(2 * E + split(1) + count() + acker() + E + X + 4 * H);
    QTest::newRow("seven-bolt-cores-counts-side-by-side")
        << 8 << 5 << qint64(2 * E + split(5) + count() + acker() + E + X + 4 * H);
}

void TestRecordModel::recordLatencyAtALowRateIsTheCriticalPath()
{
    QFETCH(int, cores);
    QFETCH(int, words);
    QFETCH(qint64, expectedNs);
    RecordModelSettings s;
    s.cores = cores;
    s.wordsPerLine = words;
    s.lineRate = 10;
    s.span = Duration(2000);
    const RecordModelResult r = runRecordModel(s);
    QCOMPARE(r.lines, std::int64_t(20));
    QCOMPARE(qRound64(r.meanLatencyMs * 1e6), expectedNs);
    QCOMPARE(qRound64(r.p99LatencyMs * 1e6), expectedNs);
    QVERIFY(r.stable);
}

void TestRecordModel::recordStabilityFollowsCapacity_data()
{
    // Capacity with one bolt core and 5 words: 1e9 / 68,550 = 14,588 lines/s.
    QTest::addColumn<double>("load"); // the rate as a fraction of capacity
    QTest::addColumn<bool>("stable");
    QTest::newRow("at-90-percent-of-capacity-the-queue-is-bounded") << 0.9 << true;
    QTest::newRow("at-110-percent-of-capacity-the-queue-grows") << 1.1 << false;
    QTest::newRow("at-twice-capacity-the-queue-grows") << 2.0 << false;
}

void TestRecordModel::recordStabilityFollowsCapacity()
{
    QFETCH(double, load);
    QFETCH(bool, stable);
    RecordModelSettings s;
    s.cores = 2;
    s.wordsPerLine = 5;
    s.lineRate = load * 1e9 / static_cast<double>(boltPerLine(5));
    s.span = Duration(1000);
    const RecordModelResult r = runRecordModel(s);
    QCOMPARE(r.stable, stable);
    if (!stable) QVERIFY(r.meanLatencyMs > 10); // far above the 2 ms of an idle topology
}

void TestRecordModel::recordMaxThroughputIsCoresOverServiceTime_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("words");
    QTest::addColumn<double>("expected");
    // bolt cores / bolt CPU per line, unless the spout's core (1 / 6,000 ns) is slower.
    QTest::newRow("two-cores-five-words-14588-lines-per-second") << 2 << 5 << 1e9 / boltPerLine(5);
    QTest::newRow("four-cores-three-bolt-cores-43764") << 4 << 5 << 3e9 / boltPerLine(5);
    // W = 1: 24,150 ns a line; 31 bolt cores could take 1.28 M lines/s, the spout 166,667.
    QTest::newRow("thirty-two-cores-one-word-the-spout-is-the-bottleneck") << 32 << 1 << 1e9 / spoutPerLine();
}

void TestRecordModel::recordMaxThroughputIsCoresOverServiceTime()
{
    QFETCH(int, cores);
    QFETCH(int, words);
    QFETCH(double, expected);
    const double found = recordModelMaxThroughput(cores, words, 1000);
    QVERIFY2(found >= expected / 1.02 && found <= expected * 1.02,
             qPrintable(QStringLiteral("found %1, expected %2 +- 2 %").arg(found).arg(expected)));
}

void TestRecordModel::recordUtilisationIsOfferedLoad()
{
    // 10,000 lines/s x 68,550 ns = 0.6855 of the one bolt core, over the 1 s of arrivals plus
    // the last line's ~2 ms in flight.
    RecordModelSettings s;
    s.lineRate = 10'000;
    s.span = Duration(1000);
    const RecordModelResult r = runRecordModel(s);
    QVERIFY(std::abs(r.boltUtilisation - 0.6855) < 0.01);
}

void TestRecordModel::explicitArrivalsAreUsed()
{
    // Two lines at once on one bolt core: the second's split waits for the first's (S), and
    // every later step of it follows S behind: it completes S later than the first.
    RecordModelSettings s;
    s.arrivalsNs = {0, 0};
    const RecordModelResult r = runRecordModel(s);
    QCOMPARE(r.lines, std::int64_t(2));
    const double first = static_cast<double>(2 * E + split(5) + 5 * count() + acker() + E + X + 4 * H);
    QVERIFY(r.p99LatencyMs * 1e6 > first);
    QVERIFY(r.meanLatencyMs * 1e6 > first);
}

void TestRecordModel::microBatchLatencyWithinHandBounds()
{
    // 1,000 lines/s, 1 s batches, local[2] (one task core), 10 s: lines at ms 1..1000 of each
    // batch, so a line waits (999 + 0) / 2 = 499.5 ms for its batch on average.
    // Processing a batch: 5 blocks of 200 lines, each map task 1.5 ms + 200 x (20 + 1,050) +
    // 1,000 x 1,050 x 2 + 16 x 200 ns = 3.82 ms, +-10 % jitter, rounded up: 4-5 ms, so 20-25 ms
    // on the one core; job 3 ms + 2 stages 1 ms + 2 reduce tasks of ~1.5 ms (2 ms) taken one
    // after the other, and pprint's take may run a second job (3 + 1 + 2 ms): 28-41 ms.
    MicroBatchSettings s;
    s.cores = 2;
    s.wordsPerLine = 5;
    s.lineRate = 1000;
    s.batchInterval = Duration(1000);
    s.span = Duration(10'000);
    const MicroBatchResult r = runMicroBatch(s);
    QCOMPARE(r.records, std::int64_t(10'000));
    QCOMPARE(r.batches, 10);
    QVERIFY2(r.meanProcessingMs >= 28 && r.meanProcessingMs <= 41, qPrintable(QString::number(r.meanProcessingMs)));
    // Mean latency = the wait + scheduling delay (job generation, 1 ms) + processing.
    QVERIFY2(r.meanLatencyMs >= 499.5 + 28 && r.meanLatencyMs <= 499.5 + 41 + 2, qPrintable(QString::number(r.meanLatencyMs)));
    QVERIFY(r.meanLatencyMs >= 500); // at least half the interval
    // The 99th percentile line arrived ~990 ms before its batch.
    QVERIFY2(r.p99LatencyMs >= 989 + 28 && r.p99LatencyMs <= 999 + 41 + 2, qPrintable(QString::number(r.p99LatencyMs)));
    QVERIFY(r.stable);
}

void TestRecordModel::microBatchAboveCapacityIsUnstable()
{
    // 150,000 lines/s need 150,000 x 11,570 ns = 1.74 s of the one task core per 1 s batch.
    MicroBatchSettings s;
    s.lineRate = 150'000;
    s.batchInterval = Duration(1000);
    s.span = Duration(3000);
    const MicroBatchResult r = runMicroBatch(s);
    QVERIFY(r.meanProcessingMs > 1000);
    QVERIFY(!r.stable);
}

void TestRecordModel::microBatchMaxThroughputWithinHandBounds_data()
{
    QTest::addColumn<qint64>("batchMs");
    QTest::newRow("half-second-batches") << qint64(500);
    QTest::newRow("one-second-batches") << qint64(1000);
    QTest::newRow("two-second-batches") << qint64(2000);
}

void TestRecordModel::microBatchMaxThroughputWithinHandBounds()
{
    // One task core, 5 words: a line costs 20 + 11 x 1,050 = 11,570 ns of it. With +-10 % jitter
    // per task the rate is below B / (0.9 x 11,570 ns x B) = 96,034 lines/s. From below: a batch
    // also pays at most F = 1 (job generation) + 3 + 2 x 1 (job, stages) + 2 x 2 (reduce tasks)
    // + 6 (pprint's second take job) + 2 ms per block (launch 1.5 ms, rounded up) of fixed time,
    // all of it and the lines' work up to 10 % slower: at least (B - 1.1 F) / (1.1 x 11,570 ns x B).
    QFETCH(qint64, batchMs);
    MicroBatchSettings s;
    s.batchInterval = Duration(batchMs);
    const double b = static_cast<double>(batchMs);
    const double line = static_cast<double>(20 + 11 * w) / 1e6; // ms
    const double blocks = std::ceil(b / 200.0);
    const double fixed = 1 + 3 + 2 + 4 + 6 + 2 * blocks;
    // lines per ms x 1000 = lines/s; the search's precision widens the lower bound by 2 %.
    const double lower = 1000 * (b - 1.1 * fixed) / (1.1 * line * b) / 1.02;
    const double upper = 1000 / (0.9 * line);
    const double found = microBatchMaxThroughput(s);
    QVERIFY2(found >= lower && found <= upper,
             qPrintable(QStringLiteral("found %1, bounds [%2, %3]").arg(found).arg(lower).arg(upper)));
    // Micro-batches sustain more than the record model on the same cores (1e9 / 68,550 = 14,588).
    QVERIFY(found > 1.02 * 1e9 / boltPerLine(5));
}

void TestRecordModel::searchFindsAThresholdToTwoPercent_data()
{
    QTest::addColumn<double>("guess");
    QTest::addColumn<double>("factor");
    QTest::newRow("guess-far-below-doubling") << 10.0 << 2.0;
    QTest::newRow("guess-far-above-halving") << 1e6 << 2.0;
    QTest::newRow("guess-close-small-steps") << 1200.0 << 1.04;
    QTest::newRow("guess-exactly-on-the-threshold") << 1234.5 << 1.04;
}

void TestRecordModel::searchFindsAThresholdToTwoPercent()
{
    QFETCH(double, guess);
    QFETCH(double, factor);
    int probes = 0;
    const double found = searchMaxRate(guess, factor, [&](double r) {
        ++probes;
        return r <= 1234.5;
    });
    QVERIFY(found <= 1234.5 && found >= 1234.5 / 1.02);
    QVERIFY(probes < 30);
    QCOMPARE(searchMaxRate(10, 2, [](double) { return false; }), 0.0);
}

void TestRecordModel::comparisonShowsTheTradeOffAndIsDeterministic()
{
    ModelComparisonSettings s;
    s.cores = 2;
    s.lineRate = 5000;
    s.wordsPerLine = 5;
    s.batchIntervals = {Duration(500), Duration(2000)};
    s.span = Duration(4000);
    int lastDone = 0, lastTotal = 0;
    const ModelComparison a = compareModels(s, [&](int done, int total) {
        QCOMPARE(done, lastDone + 1);
        lastDone = done;
        lastTotal = total;
    });
    QCOMPARE(lastDone, lastTotal);
    QCOMPARE(a.rows.size(), std::size_t(3));
    QCOMPARE(a.rows[0].model, std::string("record-at-a-time"));
    QVERIFY(!a.rows[0].batchInterval);
    QVERIFY(!a.assumptions.empty());
    for (std::size_t i = 1; i < a.rows.size(); ++i) {
        const ModelComparisonRow &m = a.rows[i];
        QCOMPARE(m.model, std::string("micro-batch"));
        QVERIFY(m.batchInterval.has_value());
        // The record model answers in milliseconds, the micro-batch in about half an interval.
        QVERIFY(a.rows[0].meanLatencyMs < 10);
        QVERIFY(m.meanLatencyMs >= static_cast<double>(m.batchInterval->ms()) / 2);
        QVERIFY(m.maxThroughput > a.rows[0].maxThroughput);
        QVERIFY(m.stable);
    }
    QVERIFY(a.rows[0].stable);
    // Longer batches amortise the per-batch costs: 2 s sustains more than 0.5 s.
    QVERIFY(a.rows[2].maxThroughput > a.rows[1].maxThroughput);

    const ModelComparison b = compareModels(s);
    QCOMPARE(b.rows.size(), a.rows.size());
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
        QCOMPARE(b.rows[i].meanLatencyMs, a.rows[i].meanLatencyMs);
        QCOMPARE(b.rows[i].p99LatencyMs, a.rows[i].p99LatencyMs);
        QCOMPARE(b.rows[i].maxThroughput, a.rows[i].maxThroughput);
        QCOMPARE(b.rows[i].stable, a.rows[i].stable);
    }
    QCOMPARE(b.assumptions, a.assumptions);
}

void TestRecordModel::badSettingsAreRejected_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("words");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<qint64>("spanMs");
    QTest::addColumn<QString>("message");
    QTest::newRow("one-core-leaves-none-for-tasks") << 1 << 1000.0 << 5 << qint64(1000) << qint64(10'000) << "cores";
    QTest::newRow("zero-rate") << 2 << 0.0 << 5 << qint64(1000) << qint64(10'000) << "rate";
    QTest::newRow("zero-words") << 2 << 1000.0 << 0 << qint64(1000) << qint64(10'000) << "words";
    QTest::newRow("interval-shorter-than-a-block") << 2 << 1000.0 << 5 << qint64(100) << qint64(10'000) << "interval";
    QTest::newRow("span-under-a-second") << 2 << 1000.0 << 5 << qint64(1000) << qint64(500) << "span";
}

void TestRecordModel::badSettingsAreRejected()
{
    QFETCH(int, cores);
    QFETCH(double, rate);
    QFETCH(int, words);
    QFETCH(qint64, intervalMs);
    QFETCH(qint64, spanMs);
    QFETCH(QString, message);
    ModelComparisonSettings s;
    s.cores = cores;
    s.lineRate = rate;
    s.wordsPerLine = words;
    s.batchIntervals = {Duration(intervalMs)};
    s.span = Duration(spanMs);
    const std::string why = validate(s);
    QVERIFY2(QString::fromStdString(why).contains(message), why.c_str());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, compareModels(s));
}

QTEST_APPLESS_MAIN(TestRecordModel)
#include "tst_recordmodel.moc"
