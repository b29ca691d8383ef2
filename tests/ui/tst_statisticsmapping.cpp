// Tests: the Streaming tab without a widget: Spark's duration and date formats, the header
// sentence, the per-batch values read from a hand-written history (streamingtestkit.h), the
// bucketing that bounds a timeline's points, the histogram's bins and the row geometry. Every
// expected value is worked by hand from Spark's sources named in ui/statisticstext.h.
#include "streamingtestkit.h"

#ifndef Q_MOC_RUN
#include "ui/statisticsmapping.h"
#include "ui/statisticsseries.h"
#include "ui/statisticstext.h"
#endif

#include <QTest>

#include <cstdlib>
#include <ctime>

using namespace dsl::ui;
using namespace streamingtest;

class TestStatisticsMapping : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void durationVerbose_data();
    void durationVerbose();
    void duration_data();
    void duration();
    void header_data();
    void header();
    void smallTexts_data();
    void smallTexts();
    void seriesFromHistory();
    void kafkaPartitionsExpandUnderTheirStream();
    void stability_data();
    void stability();
    void bucketing_data();
    void bucketing();
    void histogramBins_data();
    void histogramBins();
    void mappingAndGeometry();
    void niceCeilAndUnits_data();
    void niceCeilAndUnits();
};

void TestStatisticsMapping::initTestCase()
{
    // Spark's formatDate is local time: the expected strings are worked in UTC.
    qputenv("TZ", "UTC");
    tzset();
}

void TestStatisticsMapping::durationVerbose_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero-is-0-ms") << qint64(0) << QStringLiteral("0 ms");
    QTest::newRow("under-a-second-is-milliseconds") << qint64(35) << QStringLiteral("35 ms");
    QTest::newRow("a-whole-second-drops-the-milliseconds") << qint64(1000) << QStringLiteral("1 second");
    QTest::newRow("seconds-and-milliseconds-plural") << qint64(5035) << QStringLiteral("5 seconds 35 ms");
    QTest::newRow("from-a-minute-on-the-milliseconds-go") << qint64(61500) << QStringLiteral("1 minute 1 second");
    QTest::newRow("whole-minutes-leave-out-zero-seconds") << qint64(120000) << QStringLiteral("2 minutes");
    QTest::newRow("an-hour-shows-minutes-and-seconds") << qint64(3723000) << QStringLiteral("1 hour 2 minutes 3 seconds");
    QTest::newRow("a-day-shows-hours-and-minutes-not-seconds") << qint64(90061000) << QStringLiteral("1 day 1 hour 1 minute");
    QTest::newRow("eight-days-are-a-week-and-a-day") << qint64(709200000) << QStringLiteral("1 week 1 day 5 hours");
}

void TestStatisticsMapping::durationVerbose()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(StatisticsText::durationVerbose(ms), expected);
}

void TestStatisticsMapping::duration_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    QTest::newRow("under-100-ms-in-ms") << qint64(85) << QStringLiteral("85 ms");
    QTest::newRow("100-ms-is-a-tenth-of-a-second") << qint64(100) << QStringLiteral("0.1 s");
    QTest::newRow("350-ms-rounds-half-up-to-0.4-s") << qint64(350) << QStringLiteral("0.4 s");
    QTest::newRow("999-ms-rounds-to-1.0-s") << qint64(999) << QStringLiteral("1.0 s");
    QTest::newRow("1.5-s-rounds-half-up-to-2-s") << qint64(1500) << QStringLiteral("2 s");
    QTest::newRow("whole-seconds-under-a-minute") << qint64(12345) << QStringLiteral("12 s");
    QTest::newRow("59.6-s-is-still-seconds") << qint64(59600) << QStringLiteral("60 s");
    QTest::newRow("ninety-seconds-in-tenths-of-minutes") << qint64(90000) << QStringLiteral("1.5 min");
    QTest::newRow("from-ten-minutes-whole-minutes") << qint64(1500000) << QStringLiteral("25 min");
    QTest::newRow("an-hour-and-a-half-in-hours") << qint64(5400000) << QStringLiteral("1.5 h");
}

void TestStatisticsMapping::duration()
{
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(StatisticsText::duration(ms), expected);
}

void TestStatisticsMapping::header_data()
{
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<qint64>("uptimeMs");
    QTest::addColumn<qint64>("completed");
    QTest::addColumn<qint64>("records");
    QTest::addColumn<bool>("rich");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one-second-batches-for-a-minute")
        << qint64(1000) << qint64(62000) << qint64(60) << qint64(1234) << false
        << QStringLiteral("Running batches of 1 second for 1 minute 2 seconds since 2026/11/24 10:00:00 "
                          "(60 completed batches, 1234 records)");
    QTest::newRow("half-second-batches-name-milliseconds")
        << qint64(500) << qint64(2750) << qint64(4) << qint64(0) << false
        << QStringLiteral("Running batches of 500 ms for 2 seconds 750 ms since 2026/11/24 10:00:00 "
                          "(4 completed batches, 0 records)");
    QTest::newRow("rich-text-puts-the-values-in-bold")
        << qint64(2000) << qint64(3600000) << qint64(1800) << qint64(7) << true
        << QStringLiteral("Running batches of <b>2 seconds</b> for <b>1 hour</b> since <b>2026/11/24 10:00:00</b> "
                          "(<b>1800</b> completed batches, <b>7</b> records)");
}

void TestStatisticsMapping::header()
{
    QFETCH(qint64, intervalMs);
    QFETCH(qint64, uptimeMs);
    QFETCH(qint64, completed);
    QFETCH(qint64, records);
    QFETCH(bool, rich);
    QFETCH(QString, expected);
    QCOMPARE(StatisticsText::header(intervalMs, uptimeMs, kStart, completed, records, rich), expected);
}

void TestStatisticsMapping::smallTexts_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("average-of-no-delays-is-a-dash") << StatisticsText::averageDuration(std::nullopt) << QStringLiteral("Avg: -");
    QTest::newRow("average-delay-is-verbose") << StatisticsText::averageDuration(1250) << QStringLiteral("Avg: 1 second 250 ms");
    QTest::newRow("average-rate-has-two-decimals") << StatisticsText::averageRate(12.5) << QStringLiteral("Avg: 12.50 records/sec");
    QTest::newRow("graph-numbers-group-thousands") << StatisticsText::number2(1234.5) << QStringLiteral("1,234.50");
    QTest::newRow("output-ops-all-succeeded") << StatisticsText::outputOps(2, 0, 0, 2) << QStringLiteral("2/2");
    QTest::newRow("output-ops-one-failed") << StatisticsText::outputOps(1, 1, 0, 2) << QStringLiteral("1/2 (1 failed)");
    QTest::newRow("output-ops-one-running") << StatisticsText::outputOps(0, 0, 1, 2) << QStringLiteral("0/2 (1 running)");
    QTest::newRow("a-failure-is-named-by-its-first-line")
        << StatisticsText::failureSummary(QStringLiteral("ZeroDivisionError: division by zero\n  File \"x.py\", line 3"))
        << QStringLiteral("Failed due to error: ZeroDivisionError: division by zero");
    QTest::newRow("a-spark-exception-is-a-spark-job-error")
        << StatisticsText::failureSummary(QStringLiteral("org.apache.spark.SparkException: Job aborted\nCaused by: ..."))
        << QStringLiteral("Failed due to Spark job error");
    QTest::newRow("the-details-repeat-the-whole-reason")
        << StatisticsText::failureDetails(QStringLiteral("ValueError: bad\nline 2"))
        << QStringLiteral("Failed due to error: ValueError: bad\nValueError: bad\nline 2");
    QTest::newRow("input-stream-name-as-spark-names-it")
        << StatisticsSeries::inputStreamName(QStringLiteral("SocketInputDStream"), 0) << QStringLiteral("Socket stream [0]");
    QTest::newRow("a-longer-class-name-in-lower-case-words")
        << StatisticsSeries::inputStreamName(QStringLiteral("DirectKafkaInputDStream"), 3) << QStringLiteral("Direct kafka stream [3]");
}

void TestStatisticsMapping::smallTexts()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestStatisticsMapping::seriesFromHistory()
{
    // Half-second batches: 10 records are 20 records/s. Batch 3 runs, batch 4 waits.
    const auto s = run({{10, 5, 120}, {4, 0, 300, Batch::Completed, 1, "ValueError: bad"}, {6, 40, 0, Batch::Running},
                        {8, 0, 0, Batch::Waiting}},
                       500);
    const StatisticsSeries r = StatisticsSeries::fromSnapshot(*s);
    QCOMPARE(r.intervalMs, qint64(500));
    QCOMPARE(r.retained, 4);
    QCOMPARE(r.active, 2);
    QCOMPARE(r.completed, 2);
    QCOMPARE(r.minBatchMs, kStart + 500);
    QCOMPARE(r.maxBatchMs, kStart + 2000);
    // Spark rates every retained batch, waiting and running ones too.
    const std::vector<StatisticsPoint> rates{
        {kStart + 500, 20, false}, {kStart + 1000, 8, true}, {kStart + 1500, 12, false}, {kStart + 2000, 16, false}};
    QCOMPARE(r.inputRate, rates);
    QCOMPARE(r.streams.size(), std::size_t(1));
    QCOMPARE(r.streams[0].name, QStringLiteral("Socket stream [0]"));
    QCOMPARE(r.streams[0].points, rates);
    // A delay only where the batch has it: scheduling once started, the others once completed.
    const std::vector<StatisticsPoint> sched{{kStart + 500, 5, false}, {kStart + 1000, 0, true}, {kStart + 1500, 40, false}};
    QCOMPARE(r.schedulingDelay, sched);
    const std::vector<StatisticsPoint> proc{{kStart + 500, 120, false}, {kStart + 1000, 300, true}};
    QCOMPARE(r.processingTime, proc);
    const std::vector<StatisticsPoint> total{{kStart + 500, 125, false}, {kStart + 1000, 300, true}};
    QCOMPARE(r.totalDelay, total);
    QCOMPARE(r.maxDelayMs(), qint64(300));
    QCOMPARE(r.maxRate(), 20.0);
    // MillisecondsStatUIData.avg is an integer mean: (5 + 0 + 40) / 3 = 15.
    QCOMPARE(StatisticsSeries::averageMs(r.schedulingDelay), std::optional<qint64>(15));
    QCOMPARE(StatisticsSeries::average(r.inputRate), std::optional<double>(14.0));
}

void TestStatisticsMapping::stability_data()
{
    QTest::addColumn<qint64>("slowestMs");
    QTest::addColumn<bool>("stable");
    QTest::newRow("processing-well-within-the-interval-is-stable") << qint64(300) << true;
    QTest::newRow("exactly-the-interval-is-still-stable") << qint64(1000) << true;
    QTest::newRow("one-batch-over-the-interval-is-not-stable") << qint64(1001) << false;
}

void TestStatisticsMapping::stability()
{
    QFETCH(qint64, slowestMs);
    QFETCH(bool, stable);
    const auto s = run({{1, 0, 200}, {1, 0, slowestMs}, {1, 0, 100}});
    QCOMPARE(StatisticsSeries::fromSnapshot(*s).isStable(), stable);
    QVERIFY(!StatisticsSeries::fromSnapshot(*run({{1, 0, 0, Batch::Waiting}})).isStable()); // nothing processed yet
}

void TestStatisticsMapping::bucketing_data()
{
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("failedAt"); // index of a failed batch, -1: none
    QTest::addColumn<int>("expected");
    // Batches 1 s apart, value k % 7 (so each column of 16 or 17 batches holds 0 and 6), and a
    // peak of 1000 at batch 7777 where 0 would be.
    QTest::newRow("fewer-batches-than-columns-draw-each") << 100 << 600 << -1 << 100;
    QTest::newRow("ten-thousand-batches-draw-at-most-1800-points-here-1200") << 10000 << 600 << -1 << 1200;
    QTest::newRow("more-columns-than-the-cap-are-600-columns") << 10000 << 5000 << -1 << 1200;
    QTest::newRow("300-columns-keep-a-min-and-a-max-each") << 10000 << 300 << -1 << 600;
    QTest::newRow("a-failed-batch-survives-bucketing") << 10000 << 600 << 5003 << 1201;
}

void TestStatisticsMapping::bucketing()
{
    QFETCH(int, batches);
    QFETCH(int, columns);
    QFETCH(int, failedAt);
    QFETCH(int, expected);
    std::vector<StatisticsPoint> points;
    for (int k = 0; k < batches; ++k) points.push_back({kStart + qint64(k) * 1000, k == 7777 ? 1000.0 : k % 7, k == failedAt});
    const auto drawn = StatisticsMapping::bucket(points, points.front().batchMs, points.back().batchMs, columns);
    QCOMPARE(int(drawn.size()), expected);
    QVERIFY(int(drawn.size()) <= StatisticsMapping::kMaxColumns * StatisticsMapping::kPointsPerColumn);
    QVERIFY(std::is_sorted(drawn.begin(), drawn.end(), [](const auto &a, const auto &b) { return a.batchMs < b.batchMs; }));
    double peak = 0;
    for (const auto &p : drawn) peak = std::max(peak, p.value);
    QCOMPARE(peak, batches > 7777 ? 1000.0 : 6.0);
    if (failedAt >= 0) {
        const auto it = std::find_if(drawn.begin(), drawn.end(), [&](const auto &p) { return p.batchMs == kStart + qint64(failedAt) * 1000; });
        QVERIFY(it != drawn.end());
        QVERIFY(it->failed);
        QCOMPARE(it->value, 5.0); // 5003 % 7
    }
}

void TestStatisticsMapping::histogramBins_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("maxY");
    QTest::addColumn<QList<int>>("bins");
    // d3's bins hold [lower, upper); the last also holds maxY; values above maxY are left out.
    QTest::newRow("histogram-bins-of-known-values") << QList<double>{0, 10, 25, 99, 100, 150} << 100.0
                                                    << QList<int>{1, 1, 1, 0, 0, 0, 0, 0, 0, 2};
    QTest::newRow("equal-values-share-a-bin") << QList<double>{500, 500, 500} << 1000.0
                                              << QList<int>{0, 0, 0, 0, 0, 3, 0, 0, 0, 0};
    QTest::newRow("no-values-no-bars") << QList<double>{} << 10.0 << QList<int>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

void TestStatisticsMapping::histogramBins()
{
    QFETCH(QList<double>, values);
    QFETCH(double, maxY);
    QFETCH(QList<int>, bins);
    std::vector<StatisticsPoint> points;
    for (double v : values) points.push_back({0, v, false});
    const auto got = StatisticsMapping::histogram(points, maxY);
    QCOMPARE(QList<int>(got.begin(), got.end()), bins);
}

void TestStatisticsMapping::mappingAndGeometry()
{
    // A plot 600 px wide from x 100, 100 px high from y 10; a minute of batches; values to 200.
    const StatisticsMapping m(QRectF(100, 10, 600, 100), kStart, kStart + 60000, 200);
    QCOMPARE(m.x(kStart + 30000), 400.0);
    QCOMPARE(m.y(50), 85.0);
    QCOMPARE(m.y(0), 110.0);
    QCOMPARE(m.batchAt(400), kStart + 30000);
    QCOMPARE(m.batchAt(-50), kStart); // clamped to the span
    const std::vector<StatisticsPoint> drawn{{kStart, 0, false}, {kStart + 30000, 100, false}, {kStart + 60000, 200, false}};
    QCOMPARE(m.nearest(drawn, QPointF(405, 55), 24), std::optional<std::size_t>(1));
    QCOMPARE(m.nearest(drawn, QPointF(250, 60), 24), std::nullopt); // 150 px from any point
    // Four rows under 20 px of titles: 100 px each; label 200, the rest 3:1.
    const auto rows = StatisticsMapping::rowRects(QRectF(0, 0, 1000, 420), 4, 20, 200, 0.25);
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[1].label, QRectF(0, 120, 200, 100));
    QCOMPARE(rows[1].timeline, QRectF(200, 120, 600, 100));
    QCOMPARE(rows[1].histogram, QRectF(800, 120, 200, 100));
}

void TestStatisticsMapping::niceCeilAndUnits_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("nice");
    QTest::addColumn<qint64>("maxMs");
    QTest::addColumn<QString>("unit");
    QTest::newRow("nothing-yet-is-1-ms") << 0.0 << 1.0 << qint64(0) << QStringLiteral("ms");
    QTest::newRow("1.15-becomes-2") << 1.15 << 2.0 << qint64(999) << QStringLiteral("ms");
    QTest::newRow("2.2-becomes-2.5-sec") << 2.2 << 2.5 << qint64(1000) << QStringLiteral("sec");
    QTest::newRow("7-becomes-10-just-under-a-minute") << 7.0 << 10.0 << qint64(59999) << QStringLiteral("sec");
    QTest::newRow("1000-stays-a-minute") << 1000.0 << 1000.0 << qint64(60000) << QStringLiteral("min");
    QTest::newRow("1001-becomes-2000-an-hour") << 1001.0 << 2000.0 << qint64(3600000) << QStringLiteral("hrs");
}

void TestStatisticsMapping::niceCeilAndUnits()
{
    QFETCH(double, value);
    QFETCH(double, nice);
    QFETCH(qint64, maxMs);
    QFETCH(QString, unit);
    QCOMPARE(StatisticsMapping::niceCeil(value), nice);
    QCOMPARE(QString::fromLatin1(StatisticsMapping::normalizeDuration(maxMs).shortName), unit);
}

void TestStatisticsMapping::kafkaPartitionsExpandUnderTheirStream()
{
    // Stream 0 reads topic t's partitions 1 and 0: batch 1 offsets [0, 3) and [0, 1), batch 2
    // none of partition 1 and [1, 5) of partition 0 (records/s at 1 s batches = messages).
    // Batch 3 reads a new partition 2: [0, 2); earlier batches count 0 for it.
    const auto s = run({{4, 0, 10}, {4, 0, 10}, {2, 0, 10}});
    auto part = [](int p, std::int64_t from, std::int64_t until) {
        KafkaPartitionSnapshot k;
        k.topic = "t";
        k.partition = p;
        k.streamId = 0;
        k.from = from;
        k.until = until;
        return k;
    };
    const std::vector<std::vector<KafkaPartitionSnapshot>> perBatch{
        {part(1, 0, 3), part(0, 0, 1)}, {part(1, 3, 3), part(0, 1, 5)}, {part(2, 0, 2)}};
    std::size_t i = 0;
    for (auto &[t, b] : s->batches)
        std::const_pointer_cast<BatchSnapshot>(b)->kafka = std::make_shared<const std::vector<KafkaPartitionSnapshot>>(perBatch[i++]);
    const StatisticsSeries r = StatisticsSeries::fromSnapshot(*s);
    QCOMPARE(r.streams.size(), std::size_t(4));
    QCOMPARE(r.streams[0].partition, false);
    QStringList names;
    for (const auto &sr : r.streams) names << sr.name;
    QCOMPARE(names, (QStringList{QStringLiteral("Socket stream [0]"), QStringLiteral("t-0"), QStringLiteral("t-1"), QStringLiteral("t-2")}));
    auto values = [](const StatisticsSeries::StreamRate &sr) {
        std::vector<double> v;
        for (const auto &p : sr.points) v.push_back(p.value);
        return v;
    };
    QCOMPARE(values(r.streams[1]), (std::vector<double>{1, 4, 0}));
    QCOMPARE(values(r.streams[2]), (std::vector<double>{3, 0, 0}));
    QCOMPARE(values(r.streams[3]), (std::vector<double>{0, 0, 2}));
    QVERIFY(r.streams[3].partition);
}

QTEST_APPLESS_MAIN(TestStatisticsMapping)
#include "tst_statisticsmapping.moc"
