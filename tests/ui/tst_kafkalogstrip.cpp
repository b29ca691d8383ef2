// Tests: the Kafka log strip's geometry without a widget: offsets to x and back, the labelled
// offsets, the shared mapping, and each partition's row from a hand-written history (its range,
// the earlier batches' ranges, the markers' values).
#include "kafkatestkit.h"

#ifndef Q_MOC_RUN
#include "ui/kafkalogmapping.h"
#include "ui/kafkalogstrip.h"
#endif

#include <QTest>

using namespace dsl::ui;
using namespace kafkatest;
using Ranges = std::vector<std::pair<qint64, qint64>>;
using Ticks = std::vector<qint64>;
Q_DECLARE_METATYPE(Ticks)
Q_DECLARE_METATYPE(Ranges)

class TestKafkaLogStrip : public QObject {
    Q_OBJECT
private slots:
    void offsetToX_data();
    void offsetToX();
    void xToOffset_data();
    void xToOffset();
    void offsetTicks_data();
    void offsetTicks();
    void everyRowSharesTheSmallestStartAndLargestEnd();
    void rowsCarryTheRangeEarlierRangesAndMarkers_data();
    void rowsCarryTheRangeEarlierRangesAndMarkers();
    void earlierRangesStopAtTheLogStart();
};

void TestKafkaLogStrip::offsetToX_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("width");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<double>("x");
    // 10 offsets over 500 px: 50 px a message.
    QTest::newRow("log-start-at-the-left-edge") << qint64(0) << qint64(10) << 100.0 << 500.0 << qint64(0) << 100.0;
    QTest::newRow("offset-5-halfway") << qint64(0) << qint64(10) << 100.0 << 500.0 << qint64(5) << 350.0;
    QTest::newRow("log-end-at-the-right-edge") << qint64(0) << qint64(10) << 100.0 << 500.0 << qint64(10) << 600.0;
    QTest::newRow("past-the-log-end-clamps") << qint64(0) << qint64(10) << 100.0 << 500.0 << qint64(12) << 600.0;
    QTest::newRow("before-the-log-start-clamps") << qint64(0) << qint64(10) << 100.0 << 500.0 << qint64(-1) << 100.0;
    QTest::newRow("a-log-past-retention-starts-at-its-first-offset") << qint64(1000) << qint64(1004) << 0.0 << 400.0 << qint64(1002) << 200.0;
    QTest::newRow("an-empty-log-is-one-offset-wide") << qint64(5) << qint64(5) << 20.0 << 300.0 << qint64(5) << 20.0;
}

void TestKafkaLogStrip::offsetToX()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(double, left);
    QFETCH(double, width);
    QFETCH(qint64, offset);
    QFETCH(double, x);
    const KafkaLogMapping m{first, last, left, width};
    QCOMPARE(m.offsetToX(offset), x);
}

void TestKafkaLogStrip::xToOffset_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<qint64>("offset");
    // first 0, last 10, left 100, width 500: message k covers [100 + 50k, 150 + 50k).
    QTest::newRow("just-before-a-boundary-is-the-message-before") << 349.0 << qint64(4);
    QTest::newRow("on-a-boundary-is-the-message-after") << 350.0 << qint64(5);
    QTest::newRow("left-of-the-log-is-its-start") << 50.0 << qint64(0);
    QTest::newRow("right-of-the-log-is-its-end") << 700.0 << qint64(10);
}

void TestKafkaLogStrip::xToOffset()
{
    QFETCH(double, x);
    QFETCH(qint64, offset);
    const KafkaLogMapping m{0, 10, 100, 500};
    QCOMPARE(m.xToOffset(x), offset);
}

void TestKafkaLogStrip::offsetTicks_data()
{
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("minGap");
    QTest::addColumn<Ticks>("ticks");
    QTest::newRow("100-px-a-message-labels-each") << qint64(0) << qint64(5) << 500.0 << 30.0 << Ticks{0, 1, 2, 3, 4, 5};
    // 5 px a message, labels 30 px apart: steps of 10 (6 would do, but it is not 1-2-5).
    QTest::newRow("5-px-a-message-labels-every-10")
        << qint64(0) << qint64(100) << 500.0 << 30.0 << Ticks{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    QTest::newRow("half-a-px-a-message-labels-every-100")
        << qint64(0) << qint64(1000) << 500.0 << 50.0 << Ticks{0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000};
    // 10 px a message, steps of 5: 5 is 20 px from the start 3, 15 is 20 px from the end 17.
    QTest::newRow("labels-too-close-to-the-ends-give-way") << qint64(3) << qint64(17) << 140.0 << 25.0 << Ticks{3, 10, 17};
    QTest::newRow("an-empty-log-labels-its-one-offset") << qint64(7) << qint64(7) << 300.0 << 30.0 << Ticks{7};
}

void TestKafkaLogStrip::offsetTicks()
{
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(double, width);
    QFETCH(double, minGap);
    QFETCH(Ticks, ticks);
    QCOMPARE(computeOffsetTicks(first, last, width, minGap), ticks);
}

void TestKafkaLogStrip::everyRowSharesTheSmallestStartAndLargestEnd()
{
    std::vector<KafkaLogStrip::Row> rows(2);
    rows[0].logStart = 4;
    rows[0].logEnd = 9;
    rows[1].logStart = 2;
    rows[1].logEnd = 6;
    const KafkaLogMapping m = KafkaLogStrip::mappingFor(rows, 80, 700);
    QCOMPARE(m.first, qint64(2));
    QCOMPARE(m.last, qint64(9));
    QCOMPARE(m.offsetToX(9), 780.0);
    QCOMPARE(m.offsetToX(2), 80.0);
}

void TestKafkaLogStrip::rowsCarryTheRangeEarlierRangesAndMarkers_data()
{
    QTest::addColumn<int>("batchNo");
    QTest::addColumn<int>("partition");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("until");
    QTest::addColumn<qint64>("lag");
    QTest::addColumn<Ranges>("earlier");
    QTest::newRow("batch-1-has-no-earlier-range") << 1 << 0 << qint64(0) << qint64(2) << qint64(1) << Ranges{};
    QTest::newRow("batch-2-test-0-after-batch-1s-range") << 2 << 0 << qint64(2) << qint64(4) << qint64(1) << Ranges{{0, 2}};
    QTest::newRow("batch-3-test-0-after-both") << 3 << 0 << qint64(4) << qint64(5) << qint64(0) << Ranges{{0, 2}, {2, 4}};
    QTest::newRow("batch-3-test-1-read-nothing-after-both") << 3 << 1 << qint64(3) << qint64(3) << qint64(0) << Ranges{{0, 2}, {2, 3}};
}

void TestKafkaLogStrip::rowsCarryTheRangeEarlierRangesAndMarkers()
{
    QFETCH(int, batchNo);
    QFETCH(int, partition);
    QFETCH(qint64, from);
    QFETCH(qint64, until);
    QFETCH(qint64, lag);
    QFETCH(Ranges, earlier);
    const auto s = twoPartitionRun();
    const auto rows = KafkaLogStrip::rowsFor(*s, *s->batch(SimTime(kStart + batchNo * 1000)));
    QCOMPARE(rows.size(), std::size_t(2));
    const KafkaLogStrip::Row &r = rows[static_cast<std::size_t>(partition)];
    QCOMPARE(r.partition, partition);
    QCOMPARE(r.from, from);
    QCOMPARE(r.until, until);
    QCOMPARE(r.lag(), lag);
    QCOMPARE(r.earlier, earlier);
    QVERIFY(!r.committed);
    QVERIFY(!r.checkpointed);
}

void TestKafkaLogStrip::earlierRangesStopAtTheLogStart()
{
    // Retention dropped offsets 0-2 by batch 3: batch 1's range is gone, batch 2's is cut at 3.
    const auto s = history({{{partition(0, 0, 3, 0, 2)}, {}},
                            {{partition(0, 0, 5, 2, 4)}, {}},
                            {{partition(0, 3, 6, 4, 6, 6, true, "g", "Empty")}, {}}});
    const auto rows = KafkaLogStrip::rowsFor(*s, *s->batch(SimTime(kStart + 3000)));
    QCOMPARE(rows.size(), std::size_t(1));
    QCOMPARE(rows[0].earlier, (Ranges{{3, 4}}));
    QCOMPARE(rows[0].committed, std::optional<qint64>(6));
    QVERIFY(rows[0].checkpointed);
    QCOMPARE(rows[0].group, std::string("g"));
}

QTEST_APPLESS_MAIN(TestKafkaLogStrip)
#include "tst_kafkalogstrip.moc"
