// Tests: the Streaming tab's stability banner and backpressure row over hand-written histories
// (streamingtestkit.h): the one stability rule (app/experimentsummary.h) read from BatchInfo
// lists, the banner's words and colour for a stable and an unstable run, the dashed line at the
// batch interval on the processing-time row, and the estimated-rate row: its points are the
// batches' StreamInputInfo::estimatedRate, drawn with the input rate, and absent without
// backpressure, and the receivers' maxRate as a dashed line on the input-rate rows (an input
// stream's at its receiver's, Input Rate's at their sum when each has one). Classroom PNGs go to $DSTREAMLAB_SCREENSHOT_DIR (or the working directory).
#include "streamingtestkit.h"

#ifndef Q_MOC_RUN
#include "ui/languagemanager.h"
#include "ui/simulationcontroller.h"
#include "ui/statisticschart.h"
#include "ui/statisticstext.h"
#include "ui/streamingstatisticsview.h"
#include "ui/theme.h"
#endif

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QTest>

#include <algorithm>
#include <array>
#include <ctime>

using namespace dsl::ui;
using namespace streamingtest;
using dsl::experiment::Stability;
using dsl::experiment::StabilityReason;
using dsl::experiment::StabilityVerdict;

Q_DECLARE_METATYPE(dsl::experiment::Stability)
Q_DECLARE_METATYPE(dsl::experiment::StabilityReason)
Q_DECLARE_METATYPE(dsl::experiment::StabilityVerdict)

/// Batches of a rule row: {records, scheduling ms, processing ms (-1: still running)}.
using BatchRows = std::vector<std::array<std::int64_t, 3>>;
Q_DECLARE_METATYPE(BatchRows)

namespace {
/// BatchInfo k (1-based) at kStart + k s: a completed batch when processingMs >= 0, a running one
/// when it is -1, a waiting one when schedulingMs is -1 too.
dsl::BatchInfo batchInfo(int k, std::int64_t records, std::int64_t schedulingMs, std::int64_t processingMs)
{
    dsl::BatchInfo i;
    i.batchTime = SimTime(kStart + k * 1000);
    i.submissionTime = i.batchTime;
    i.streamIdToInputInfo[0] = StreamInputInfo{0, records, {}, std::nullopt};
    if (schedulingMs >= 0) i.processingStartTime = i.batchTime + Duration(schedulingMs);
    if (schedulingMs >= 0 && processingMs >= 0) i.processingEndTime = *i.processingStartTime + Duration(processingMs);
    return i;
}

/// Ten one-second batches of 50 records. Stable: 400 ms each, 3 ms waiting. Unstable: 1.4 s each,
/// so each batch waits 400 ms longer than the one before (0, 400, ..., 3600 ms).
std::shared_ptr<RunSnapshot> tenBatches(bool keepsUp)
{
    std::vector<Batch> b;
    for (int k = 1; k <= 10; ++k)
        b.push_back(keepsUp ? Batch{50, 3, 400} : Batch{50, (k - 1) * 400, 1400});
    return run(b);
}

/// The same run with backpressure: from batch 3 on, stream 0 carries the rate its RateController
/// estimated (batch k: 1000 - 50 k records/s); `twoStreams` adds a queue stream 1 estimated at
/// 100 k records/s.
std::shared_ptr<RunSnapshot> withEstimates(std::shared_ptr<RunSnapshot> s, bool twoStreams = false)
{
    if (twoStreams) {
        StreamSnapshot st;
        st.id = 1;
        st.className = "QueueInputDStream";
        st.isInput = true;
        s->streams.push_back(st);
    }
    int k = 0;
    for (auto &[t, p] : s->batches) {
        ++k;
        auto b = std::make_shared<BatchSnapshot>(*p);
        if (k >= 3) b->info.streamIdToInputInfo[0].estimatedRate = 1000 - 50 * k;
        if (twoStreams) b->info.streamIdToInputInfo[1] = StreamInputInfo{1, 0, {}, k >= 3 ? std::optional<std::int64_t>(100 * k) : std::nullopt};
        p = b;
    }
    return s;
}

QString screenshotDir()
{
    return qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                   : QDir::currentPath();
}
} // namespace

class TestStreamingStability : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theRuleJudgesTheCompletedBatches_data();
    void theRuleJudgesTheCompletedBatches();
    void theBannerSaysWhyInNumbers_data();
    void theBannerSaysWhyInNumbers();
    void theTabShowsTheVerdict_data();
    void theTabShowsTheVerdict();
    void sparksStableWordFollowsTheVerdict_data();
    void sparksStableWordFollowsTheVerdict();
    void theProcessingRowHasTheIntervalLine_data();
    void theProcessingRowHasTheIntervalLine();
    void theEstimatedRateRowDrawsEachStreamsEstimates_data();
    void theEstimatedRateRowDrawsEachStreamsEstimates();
    void withoutBackpressureThereIsNoEstimatedRateRow();
    void theInputRateRowsHaveTheMaxRateLine_data();
    void theInputRateRowsHaveTheMaxRateLine();
    void theMaxRateLineRendersForTheClassroom_data();
    void theMaxRateLineRendersForTheClassroom();
    void rendersForTheClassroom_data();
    void rendersForTheClassroom();
};

void TestStreamingStability::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestStreamingStability::theRuleJudgesTheCompletedBatches_data()
{
    using Spec = BatchRows;
    QTest::addColumn<BatchRows>("batches");
    QTest::addColumn<Stability>("stability");
    QTest::addColumn<StabilityReason>("reason");
    QTest::newRow("four-completed-batches-are-not-enough")
        << Spec{{50, 0, 1400}, {50, 400, 1400}, {50, 800, 1400}, {50, 1200, 1400}} << Stability::Unknown << StabilityReason::TooFewBatches;
    QTest::newRow("running-batches-are-not-counted")
        << Spec{{50, 0, 900}, {50, 5, 900}, {50, 5, 900}, {50, 5, 900}, {50, 5, -1}, {50, 900, -1}} << Stability::Unknown
        << StabilityReason::TooFewBatches;
    QTest::newRow("delay-rising-at-every-batch-is-unstable-though-processing-keeps-up")
        << Spec{{50, 0, 900}, {50, 100, 900}, {50, 200, 900}, {50, 300, 900}, {50, 400, 900}} << Stability::Unstable
        << StabilityReason::GrowingDelay;
    QTest::newRow("mean-processing-over-the-interval-is-unstable")
        << Spec{{50, 500, 1400}, {50, 500, 1400}, {50, 500, 1400}, {50, 500, 1400}, {50, 500, 1400}} << Stability::Unstable
        << StabilityReason::SlowProcessing;
    QTest::newRow("mean-processing-exactly-the-interval-is-stable")
        << Spec{{50, 0, 800}, {50, 0, 1200}, {50, 200, 1000}, {50, 200, 900}, {50, 100, 1100}} << Stability::Stable
        << StabilityReason::Steady;
    QTest::newRow("only-the-last-five-count")
        << Spec{{50, 0, 3000}, {50, 2000, 3000}, {50, 4000, 400}, {50, 3400, 400}, {50, 2800, 400}, {50, 2200, 400}, {50, 1600, 400}}
        << Stability::Stable << StabilityReason::Steady;
    QTest::newRow("empty-batches-draining-the-queue-at-the-end-are-left-out")
        << Spec{{50, 0, 1400}, {50, 400, 1400}, {50, 800, 1400}, {50, 1200, 1400}, {50, 1600, 1400}, {0, 2000, 10}, {0, 1010, 10}}
        << Stability::Unstable << StabilityReason::GrowingDelay;
}

void TestStreamingStability::theRuleJudgesTheCompletedBatches()
{
    QFETCH(BatchRows, batches);
    QFETCH(Stability, stability);
    QFETCH(StabilityReason, reason);
    std::vector<dsl::BatchInfo> infos;
    for (std::size_t k = 0; k < batches.size(); ++k)
        infos.push_back(batchInfo(int(k) + 1, batches[k][0], batches[k][1], batches[k][2]));
    const StabilityVerdict v = StatisticsSeries::stabilityOf(infos, 1000);
    QCOMPARE(v.stability, stability);
    QCOMPARE(v.reason, reason);
    // The adapter changes nothing: the rule of `run --compare` over the same completed batches.
    std::vector<dsl::experiment::BatchMetrics> metrics;
    for (const auto &b : batches)
        if (b[2] >= 0) metrics.push_back({0, b[1], b[2], b[1] + b[2], b[0]});
    QCOMPARE(v, dsl::experiment::judgeStability(metrics, 1000));
}

void TestStreamingStability::theBannerSaysWhyInNumbers_data()
{
    QTest::addColumn<StabilityVerdict>("verdict");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<QString>("text");
    QTest::newRow("growing-delay-names-processing-and-the-delays")
        << StabilityVerdict{Stability::Unstable, StabilityReason::GrowingDelay, 2000, 3600, 1400.0} << qint64(1000)
        << QStringLiteral("Unstable: processing takes 1.4 s per 1 s batch — the scheduling delay grows every batch (2 s → 3.6 s)");
    QTest::newRow("slow-processing-under-a-second-in-ms")
        << StabilityVerdict{Stability::Unstable, StabilityReason::SlowProcessing, 300, 250, 620.4} << qint64(500)
        << QStringLiteral("Unstable: processing takes 620 ms per 500 ms batch — batches queue up and the scheduling delay grows");
    QTest::newRow("stable-names-the-mean-processing-time")
        << StabilityVerdict{Stability::Stable, StabilityReason::Steady, 3, 3, 400.0} << qint64(2000)
        << QStringLiteral("Stable: batches are processed within the batch interval (400 ms per 2 s batch)");
    QTest::newRow("tenths-round-half-up") << StabilityVerdict{Stability::Stable, StabilityReason::Steady, 0, 0, 9950.0}
                                          << qint64(10000)
                                          << QStringLiteral("Stable: batches are processed within the batch interval (10 s per 10 s batch)");
    QTest::newRow("unknown-says-how-many-batches-it-needs")
        << StabilityVerdict{} << qint64(1000) << QStringLiteral("Stability: judged once 5 batches with records have completed");
}

void TestStreamingStability::theBannerSaysWhyInNumbers()
{
    QFETCH(StabilityVerdict, verdict);
    QFETCH(qint64, intervalMs);
    QFETCH(QString, text);
    QCOMPARE(StatisticsText::stability(verdict, intervalMs), text);
}

void TestStreamingStability::theTabShowsTheVerdict_data()
{
    QTest::addColumn<bool>("keepsUp");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QString>("text");
    const QString stable = QStringLiteral("✔ Stable: batches are processed within the batch interval (400 ms per 1 s batch)");
    // The last five batches (6-10) waited 2.0, 2.4, ..., 3.6 s and took 1.4 s each.
    const QString unstable =
        QStringLiteral("✖ Unstable: processing takes 1.4 s per 1 s batch — the scheduling delay grows every batch (2 s → 3.6 s)");
    QTest::newRow("400-ms-per-1-s-batch-is-stable-light") << true << false << stable;
    QTest::newRow("400-ms-per-1-s-batch-is-stable-dark") << true << true << stable;
    QTest::newRow("1.4-s-per-1-s-batch-is-unstable-light") << false << false << unstable;
    QTest::newRow("1.4-s-per-1-s-batch-is-unstable-dark") << false << true << unstable;
}

void TestStreamingStability::theTabShowsTheVerdict()
{
    QFETCH(bool, keepsUp);
    QFETCH(bool, dark);
    QFETCH(QString, text);
    SnapshotDriver driver;
    SimulationController controller(&driver);
    controller.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, false));
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    QVERIFY(view.stabilityBanner()->isHidden()); // no StreamingContext yet
    driver.show(tenBatches(keepsUp));
    view.flush();
    QVERIFY(!view.stabilityBanner()->isHidden());
    QCOMPARE(view.stabilityBanner()->text(), text);
    QCOMPARE(view.chart()->series().stability.stability, keepsUp ? Stability::Stable : Stability::Unstable);
    // The bar at its left is the verdict's theme colour.
    const Theme &t = controller.theme();
    QVERIFY2(view.stabilityBanner()->styleSheet().contains((keepsUp ? t.ok : t.error).name()),
             qPrintable(view.stabilityBanner()->styleSheet()));
    // Spark's "stable" word never contradicts the banner.
    QCOMPARE(view.chart()->showsStable(), keepsUp);
    // Batches keep coming: the last five of 15 take 400 ms with the delay back to 3 ms.
    std::vector<Batch> b;
    for (int k = 1; k <= 10; ++k) b.push_back(keepsUp ? Batch{50, 3, 400} : Batch{50, (k - 1) * 400, 1400});
    for (int k = 11; k <= 15; ++k) b.push_back(Batch{50, 3, 400});
    driver.show(run(b));
    view.flush();
    QCOMPARE(view.stabilityBanner()->text(),
             QStringLiteral("✔ Stable: batches are processed within the batch interval (400 ms per 1 s batch)"));
}

void TestStreamingStability::sparksStableWordFollowsTheVerdict_data()
{
    QTest::addColumn<std::int64_t>("delayStepMs");
    QTest::addColumn<bool>("shown");
    // 900 ms per 1 s batch both times; Spark's word needs only that, the rule also a delay that
    // does not grow at every batch.
    QTest::newRow("flat-delay-stable-word-shown") << std::int64_t(0) << true;
    QTest::newRow("delay-growing-every-batch-no-stable-word") << std::int64_t(100) << false;
}

void TestStreamingStability::sparksStableWordFollowsTheVerdict()
{
    QFETCH(std::int64_t, delayStepMs);
    QFETCH(bool, shown);
    std::vector<Batch> b;
    for (int k = 1; k <= 8; ++k) b.push_back(Batch{50, k * delayStepMs, 900});
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    driver.show(run(b));
    view.flush();
    QVERIFY(view.chart()->series().isStable());
    QCOMPARE(view.chart()->series().stability.stability, shown ? Stability::Stable : Stability::Unstable);
    QCOMPARE(view.chart()->showsStable(), shown);
}

void TestStreamingStability::theProcessingRowHasTheIntervalLine_data()
{
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<std::int64_t>("processingMs");
    QTest::addColumn<QString>("label");
    QTest::newRow("1-s-batches-taking-1.4-s") << qint64(1000) << std::int64_t(1400) << QStringLiteral("batch interval 1 s");
    QTest::newRow("500-ms-batches-taking-300-ms") << qint64(500) << std::int64_t(300) << QStringLiteral("batch interval 500 ms");
    QTest::newRow("2-s-batches-taking-2.5-s") << qint64(2000) << std::int64_t(2500) << QStringLiteral("batch interval 2 s");
}

void TestStreamingStability::theProcessingRowHasTheIntervalLine()
{
    QFETCH(qint64, intervalMs);
    QFETCH(std::int64_t, processingMs);
    QFETCH(QString, label);
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    driver.show(run(std::vector<Batch>(8, Batch{50, 0, processingMs}), intervalMs));
    view.flush();
    const StatisticsPaintRow &row = view.chart()->row(StatisticsChart::ProcessingTime);
    QCOMPARE(row.interval, std::optional<double>(double(intervalMs)));
    QCOMPARE(row.intervalLabel, label);
    // Inside the plot, so the processing times are seen on either side of it.
    const double y = row.timeline.y(double(intervalMs));
    QVERIFY(y >= row.timeline.plot().top() && y <= row.timeline.plot().bottom());
    const QString svg = QString::fromUtf8(view.chart()->svg(QSize(1280, 420)));
    QVERIFY2(svg.contains(QLatin1Char('>') + label + QLatin1Char('<')), qPrintable(label));
    for (auto r : {StatisticsChart::InputRate, StatisticsChart::SchedulingDelay, StatisticsChart::TotalDelay})
        QVERIFY(!view.chart()->row(r).interval);
}

void TestStreamingStability::theEstimatedRateRowDrawsEachStreamsEstimates_data()
{
    QTest::addColumn<bool>("twoStreams");
    QTest::newRow("one-receiver") << false;
    QTest::newRow("a-receiver-and-a-queue-stream") << true;
}

void TestStreamingStability::theEstimatedRateRowDrawsEachStreamsEstimates()
{
    QFETCH(bool, twoStreams);
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto s = withEstimates(tenBatches(false), twoStreams);
    s->receivers.push_back(ReceiverInfo{0, "SocketReceiver", "localhost:9999", true});
    driver.show(s);
    view.flush();
    StatisticsChart *chart = view.chart();
    QVERIFY(chart->showsEstimatedRate());
    // Under Input Rate, above the delays.
    QCOMPARE(chart->params().rows.size(), std::size_t(5));
    QCOMPARE(chart->params().rows[1].title, QStringLiteral("Estimated rate (backpressure)"));
    QCOMPARE(chart->row(StatisticsChart::SchedulingDelay).title, QStringLiteral("Scheduling Delay"));
    // Batches 3-10 carry 1000 - 50 k records/s; 1 and 2 came before the first estimate.
    std::vector<StatisticsPoint> expected;
    for (int k = 3; k <= 10; ++k) expected.push_back({kStart + k * 1000, double(1000 - 50 * k), false});
    const StatisticsPaintRow &row = chart->row(StatisticsChart::EstimatedRate);
    QCOMPARE(row.drawn, expected);
    // The legend names the stream only when there are several.
    const QString mainName = twoStreams ? QStringLiteral("SocketReceiver-0 (estimated)") : QStringLiteral("Estimated rate");
    QCOMPARE(row.lineName, mainName);
    QCOMPARE(row.detail, QStringLiteral("Latest: 500.00 records/sec"));
    QVERIFY(row.bins.empty()); // a legend where the histogram would be
    // The input rate, dashed, on the same scale: 50 records a second in every batch.
    QCOMPARE(row.lines.size(), std::size_t(twoStreams ? 2 : 1));
    const StatisticsPaintLine &input = row.lines.back();
    QCOMPARE(input.name, QStringLiteral("Input Rate"));
    QVERIFY(input.dashed);
    QCOMPARE(input.drawn.size(), std::size_t(10));
    QVERIFY(std::all_of(input.drawn.begin(), input.drawn.end(), [](const StatisticsPoint &p) { return p.value == 50; }));
    QCOMPARE(row.timeline.maxY(), 1000.0); // niceCeil of the largest estimate, 850
    if (twoStreams) {
        QCOMPARE(row.lines[0].name, QStringLiteral("Queue stream [1] (estimated)"));
        std::vector<StatisticsPoint> queue;
        for (int k = 3; k <= 10; ++k) queue.push_back({kStart + k * 1000, double(100 * k), false});
        QCOMPARE(row.lines[0].drawn, queue);
    }
    // Hover and click as on every row.
    const auto pos = chart->pointPosition(StatisticsChart::EstimatedRate, kStart + 4000);
    QVERIFY(pos);
    QCOMPARE(chart->textAt(*pos), QStringLiteral("800.00 records/sec at 10:00:04"));
    QCOMPARE(chart->batchAt(*pos), std::optional<qint64>(kStart + 4000));
    const QString svg = QString::fromUtf8(chart->svg(QSize(1280, 520)));
    QVERIFY2(svg.contains(QLatin1Char('>') + mainName + QLatin1Char('<')), qPrintable(mainName));
}

void TestStreamingStability::withoutBackpressureThereIsNoEstimatedRateRow()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 500);
    driver.show(tenBatches(false));
    view.flush();
    QVERIFY(!view.chart()->showsEstimatedRate());
    QVERIFY(view.chart()->series().estimatedRates.empty());
    QCOMPARE(view.chart()->params().rows.size(), std::size_t(4));
    QCOMPARE(view.chart()->row(StatisticsChart::SchedulingDelay).title, QStringLiteral("Scheduling Delay"));
    QVERIFY(!view.chart()->pointPosition(StatisticsChart::EstimatedRate, kStart + 4000));
    QVERIFY(!QString::fromUtf8(view.chart()->svg(QSize(1280, 400))).contains(QStringLiteral("backpressure")));
}

void TestStreamingStability::theInputRateRowsHaveTheMaxRateLine_data()
{
    // Ten 1 s batches of `records` on stream 0 (stream 1, when there is one, receives nothing).
    // The rates' scale reaches 1.1 x the highest line, then StatisticsMapping::niceCeil (1, 2,
    // 2.5, 5 x 10^k): a line lies at limit / maxY of the plot's height, never on its top edge.
    QTest::addColumn<QList<int>>("maxRates"); // per receiver, of streams 0 and 1; 0: no limit
    QTest::addColumn<int>("records");
    QTest::addColumn<double>("inputLimit"); // -1: no line on Input Rate
    QTest::addColumn<QString>("inputLabel");
    QTest::addColumn<QList<double>>("streamLimits"); // each stream's row (expanded); -1: none
    QTest::addColumn<double>("maxY");
    QTest::addColumn<double>("height"); // Input Rate's line: the fraction of the plot's height above its bottom
    // 50 and 110 -> 200: the line halfway up.
    QTest::newRow("one-receiver-at-50-of-its-100-records-per-second")
        << QList<int>{100} << 50 << 100.0 << QStringLiteral("maxRate 100 records/s") << QList<double>{100} << 200.0 << 0.5;
    // 20 and 22 -> 25: the points on the line, at 0.8.
    QTest::newRow("a-receiver-held-at-its-limit-of-20")
        << QList<int>{20} << 20 << 20.0 << QStringLiteral("maxRate 20 records/s") << QList<double>{20} << 25.0 << 0.8;
    QTest::newRow("no-maxRate-draws-no-line") << QList<int>{0} << 50 << -1.0 << QString() << QList<double>{-1} << 50.0 << 0.0;
    // 50 and 1.1 x 150 = 165 -> 200: 150 at 0.75.
    QTest::newRow("two-receivers-sum-on-the-input-rate-and-each-has-its-own-row")
        << QList<int>{100, 50} << 50 << 150.0 << QStringLiteral("sum of maxRate 150 records/s") << QList<double>{100, 50} << 200.0
        << 0.75;
    QTest::newRow("a-stream-without-a-limit-leaves-the-sum-unbounded")
        << QList<int>{100, 0} << 50 << -1.0 << QString() << QList<double>{100, -1} << 200.0 << 0.0;
}

void TestStreamingStability::theInputRateRowsHaveTheMaxRateLine()
{
    QFETCH(QList<int>, maxRates);
    QFETCH(int, records);
    QFETCH(double, inputLimit);
    QFETCH(QString, inputLabel);
    QFETCH(QList<double>, streamLimits);
    QFETCH(double, maxY);
    QFETCH(double, height);
    SnapshotDriver driver;
    SimulationController controller(&driver);
    StreamingStatisticsView view(&controller);
    view.resize(1280, 700);
    auto s = run(std::vector<Batch>(10, Batch{records, 0, 100}));
    for (int id = 0; id < maxRates.size(); ++id) {
        if (id > 0) {
            StreamSnapshot st = s->streams.front();
            st.id = id;
            s->streams.push_back(st);
        }
        ReceiverInfo r{id, "SocketReceiver", "localhost:9999", true};
        r.maxRate = maxRates[id];
        s->receivers.push_back(r);
    }
    driver.show(s);
    view.chart()->setStreamsExpanded(true);
    view.flush();
    const auto &rows = view.chart()->params().rows;
    QCOMPARE(rows[0].title, QStringLiteral("Input Rate"));
    QCOMPARE(rows[0].timeline.maxY(), maxY);
    const auto lineAt = [](const StatisticsPaintRow &row, double limit) {
        // Its y from the mapping: limit / maxY of the plot's height above its bottom.
        const QRectF plot = row.timeline.plot();
        return plot.bottom() - plot.height() * limit / row.timeline.maxY();
    };
    if (inputLimit < 0) {
        QVERIFY(!rows[0].limit);
    } else {
        QCOMPARE(rows[0].limit, std::optional<double>(inputLimit));
        QCOMPARE(rows[0].limitLabel, inputLabel);
        QCOMPARE(rows[0].timeline.y(*rows[0].limit), lineAt(rows[0], inputLimit));
        const QRectF plot = rows[0].timeline.plot();
        QVERIFY(qAbs((plot.bottom() - rows[0].timeline.y(inputLimit)) / plot.height() - height) < 1e-9);
    }
    for (int i = 0; i < streamLimits.size(); ++i) {
        const StatisticsPaintRow &row = rows[static_cast<std::size_t>(1 + i)];
        QVERIFY(row.indented);
        QCOMPARE(row.timeline.maxY(), maxY); // one scale for every rate row
        if (streamLimits[i] < 0) {
            QVERIFY(!row.limit);
            continue;
        }
        QCOMPARE(row.limit, std::optional<double>(streamLimits[i]));
        QCOMPARE(row.limitLabel, QStringLiteral("maxRate %1 records/s").arg(streamLimits[i]));
        QCOMPARE(row.timeline.y(*row.limit), lineAt(row, streamLimits[i]));
    }
    // Only the rate rows have one; the delays keep theirs (the interval on Processing Time).
    for (auto r : {StatisticsChart::SchedulingDelay, StatisticsChart::ProcessingTime, StatisticsChart::TotalDelay})
        QVERIFY(!view.chart()->row(r).limit);
    const QString svg = QString::fromUtf8(view.chart()->svg(QSize(1280, 700)));
    if (inputLimit >= 0) QVERIFY2(svg.contains(QLatin1Char('>') + inputLabel + QLatin1Char('<')), qPrintable(inputLabel));
    if (maxRates == QList<int>{0}) QVERIFY(!svg.contains(QStringLiteral("maxRate")));
}

void TestStreamingStability::theMaxRateLineRendersForTheClassroom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::newRow("1280x720-dark-presenter-en") << QSize(1280, 720) << true << true << QStringLiteral("en");
    QTest::newRow("1280x720-dark-presenter-zh_CN") << QSize(1280, 720) << true << true << QStringLiteral("zh_CN");
    QTest::newRow("1280x600-light-en") << QSize(1280, 600) << false << false << QStringLiteral("en");
}

void TestStreamingStability::theMaxRateLineRendersForTheClassroom()
{
    // A receiver held at spark.streaming.receiver.maxRate 5: its points lie on the line, with the
    // per-stream row open under Input Rate.
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    SnapshotDriver driver;
    SimulationController controller(&driver);
    controller.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, presenter, 1.25));
    StreamingStatisticsView view(&controller);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    std::vector<Batch> b;
    for (int k = 1; k <= 10; ++k) b.push_back(Batch{k < 3 ? 2 * k : 5, 3, 30});
    auto s = run(b);
    ReceiverInfo r{0, "SocketReceiver", "localhost:9999", true};
    r.maxRate = 5;
    s->receivers.push_back(r);
    driver.show(s);
    view.chart()->setStreamsExpanded(true);
    view.flush();
    QCoreApplication::processEvents();
    QCOMPARE(view.chart()->row(StatisticsChart::InputRate).limit, std::optional<double>(5));
    const QImage shot = view.grab().toImage();
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/maxrate-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()))));
}

void TestStreamingStability::rendersForTheClassroom_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("keepsUp");
    QTest::newRow("1280x720-light-presenter-en-unstable") << QSize(1280, 720) << false << true << QStringLiteral("en") << false;
    QTest::newRow("1280x720-dark-presenter-zh_CN-unstable") << QSize(1280, 720) << true << true << QStringLiteral("zh_CN") << false;
    QTest::newRow("560x300-dark-presenter-zh_CN-unstable-a-low-narrow-tab") << QSize(560, 300) << true << true << QStringLiteral("zh_CN") << false;
    QTest::newRow("1280x600-dark-en-stable") << QSize(1280, 600) << true << false << QStringLiteral("en") << true;
    QTest::newRow("1280x600-light-zh_CN-stable") << QSize(1280, 600) << false << false << QStringLiteral("zh_CN") << true;
}

void TestStreamingStability::rendersForTheClassroom()
{
    QFETCH(QSize, size);
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    QFETCH(bool, keepsUp);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    SnapshotDriver driver;
    SimulationController controller(&driver);
    controller.setTheme(Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, presenter, 1.25));
    StreamingStatisticsView view(&controller);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    driver.show(withEstimates(tenBatches(keepsUp)));
    view.flush();
    QCoreApplication::processEvents();
    QVERIFY(view.stabilityBanner()->isVisible());
    // The whole banner is in sight, every wrapped line of it, near the top.
    QLabel *banner = view.stabilityBanner();
    QVERIFY(banner->geometry().bottom() < size.height() / 2);
    QVERIFY2(banner->height() >= banner->heightForWidth(banner->width()),
             qPrintable(QStringLiteral("%1 < %2").arg(banner->height()).arg(banner->heightForWidth(banner->width()))));
    const QImage shot = view.grab().toImage();
    QVERIFY(shot.width() == size.width() && shot.height() >= size.height()); // never lower than the banner needs
    QVERIFY(shot.save(screenshotDir() + QStringLiteral("/stability-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()))));
    languages.setLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TestStreamingStability)
#include "tst_streamingstability.moc"
