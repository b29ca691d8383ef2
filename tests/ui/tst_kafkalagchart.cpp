// Tests: the lag chart's points from a hand-written history (kafkatestkit.h): the lag per
// partition and batch, the oldest unread message's wait, the bound on points a long history
// draws (its peak kept), and a click that selects the batch.
#include "kafkatestkit.h"

#ifndef Q_MOC_RUN
#include "ui/batchselection.h"
#include "ui/kafkalagchart.h"
#include "ui/simulationcontroller.h"
#endif

#include <QTest>

using namespace dsl::ui;
using namespace kafkatest;

class TestKafkaLagChart : public QObject {
    Q_OBJECT
private slots:
    void lagPerPartitionAndBatch_data();
    void lagPerPartitionAndBatch();
    void aLongHistoryDrawsBoundedPointsAndKeepsItsPeak_data();
    void aLongHistoryDrawsBoundedPointsAndKeepsItsPeak();
    void aWaitNotRetainedIsNotGuessed();
    void theChartFollowsTheSnapshotAndItsTooltipNamesTheWait();
};

void TestKafkaLagChart::lagPerPartitionAndBatch_data()
{
    QTest::addColumn<int>("series");
    QTest::addColumn<int>("point");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("lag");
    QTest::addColumn<qint64>("waitMs"); // -1: none known
    // test-0 after batch 1: until 2, offset 2 created at 0.5 s: waited 1.0 - 0.5 s.
    QTest::newRow("test-0-batch-1-lag-1-waited-500-ms") << 0 << 0 << 1.0 << 1.0 << qint64(500);
    // After batch 2: until 4, offset 4 created at 1.4 s.
    QTest::newRow("test-0-batch-2-lag-1-waited-600-ms") << 0 << 1 << 2.0 << 1.0 << qint64(600);
    QTest::newRow("test-0-batch-3-caught-up-waits-nothing") << 0 << 2 << 3.0 << 0.0 << qint64(0);
    QTest::newRow("test-1-batch-2-lag-0") << 1 << 1 << 2.0 << 0.0 << qint64(0);
}

void TestKafkaLagChart::lagPerPartitionAndBatch()
{
    QFETCH(int, series);
    QFETCH(int, point);
    QFETCH(double, x);
    QFETCH(double, lag);
    QFETCH(qint64, waitMs);
    const auto p = KafkaLagChart::pointsFor(*twoPartitionRun());
    QCOMPARE(p.series.size(), std::size_t(2));
    QCOMPARE(p.series[0].name, QStringLiteral("test-0"));
    QCOMPARE(p.series[1].name, QStringLiteral("test-1"));
    const auto &s = p.series[static_cast<std::size_t>(series)];
    QCOMPARE(s.lag.size(), 3);
    QCOMPARE(s.lag[point], QPointF(x, lag));
    QCOMPARE(s.batchTimes[static_cast<std::size_t>(point)], kStart + point * 1000 + 1000);
    QCOMPARE(s.waitMs[static_cast<std::size_t>(point)], waitMs < 0 ? std::nullopt : std::optional<qint64>(waitMs));
}

void TestKafkaLagChart::aLongHistoryDrawsBoundedPointsAndKeepsItsPeak_data()
{
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("maxPoints");
    QTest::addColumn<int>("points");
    QTest::newRow("fewer-batches-than-the-bound-draw-each") << 120 << 300 << 120;
    QTest::newRow("exactly-the-bound-draws-each") << 300 << 300 << 300;
    QTest::newRow("1000-batches-in-groups-of-4") << 1000 << 300 << 250;
    QTest::newRow("4000-batches-the-history-kept-in-groups-of-14") << 4000 << 300 << 286;
}

void TestKafkaLagChart::aLongHistoryDrawsBoundedPointsAndKeepsItsPeak()
{
    QFETCH(int, batches);
    QFETCH(int, maxPoints);
    QFETCH(int, points);
    std::vector<BatchSpec> specs;
    const int peakAt = batches / 2 + 1;
    for (int k = 0; k < batches; ++k) {
        const std::int64_t lag = k == peakAt ? 1000 : k % 7;
        specs.push_back({{partition(0, 0, 10 * k + lag, 10 * k - 10, 10 * k)}, {}});
    }
    const auto p = KafkaLagChart::pointsFor(*history(specs), maxPoints);
    QCOMPARE(p.series.size(), std::size_t(1));
    QCOMPARE(int(p.series[0].lag.size()), points);
    QVERIFY(points <= maxPoints);
    double peak = 0;
    for (const QPointF &pt : p.series[0].lag) peak = std::max(peak, pt.y());
    QCOMPARE(peak, 1000.0);
}

void TestKafkaLagChart::aWaitNotRetainedIsNotGuessed()
{
    // The messages were appended before the history kept begins: no CreateTime to subtract.
    const auto p = KafkaLagChart::pointsFor(*history({{{partition(0, 0, 9, 0, 2)}, {}}}));
    QCOMPARE(p.series[0].lag.front().y(), 7.0);
    QVERIFY(!p.series[0].waitMs.front());
}

void TestKafkaLagChart::theChartFollowsTheSnapshotAndItsTooltipNamesTheWait()
{
    SnapshotDriver driver;
    SimulationController controller(&driver);
    KafkaLagChart chart(&controller);
    driver.show(twoPartitionRun());
    QTRY_COMPARE(chart.points().series.size(), std::size_t(2));
    QCOMPARE(chart.pointText(0, 1), QStringLiteral("test-0 after batch 10:00:02: lag 1 message(s)\n"
                                                   "the oldest unread message had waited 600 ms"));
    QCOMPARE(chart.pointText(1, 1), QStringLiteral("test-1 after batch 10:00:02: lag 0 message(s)"));
    emit chart.batchClicked(kStart + 2000);
    QCOMPARE(controller.selection()->batchTime(), std::optional<qint64>(kStart + 2000));
}

QTEST_MAIN(TestKafkaLagChart)
#include "tst_kafkalagchart.moc"
