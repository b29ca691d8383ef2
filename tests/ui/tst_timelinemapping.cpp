// TimelineMapping: time <-> pixel, ticks and rows of the stream timeline, as data rows.
#include "ui/timelinemapping.h"

#include <QTest>

using namespace dsl::ui;

Q_DECLARE_METATYPE(std::vector<qint64>)

class TestTimelineMapping : public QObject {
    Q_OBJECT
private slots:
    void timeToX_data();
    void timeToX();
    void xToTimeInvertsTimeToX_data();
    void xToTimeInvertsTimeToX();
    void tickStep_data();
    void tickStep();
    void computeTicks_data();
    void computeTicks();
    void rowAt_data();
    void rowAt();
    void followPutsNowAtTheFraction();
};

void TestTimelineMapping::timeToX_data()
{
    QTest::addColumn<qint64>("origin");
    QTest::addColumn<double>("pxPerMs");
    QTest::addColumn<double>("left");
    QTest::addColumn<qint64>("t");
    QTest::addColumn<double>("x");
    QTest::newRow("origin-maps-to-the-left-edge") << qint64(10'000) << 0.1 << 200.0 << qint64(10'000) << 200.0;
    QTest::newRow("one-second-later-is-100px-at-0.1px-per-ms") << qint64(10'000) << 0.1 << 200.0 << qint64(11'000) << 300.0;
    QTest::newRow("before-the-origin-is-left-of-the-edge") << qint64(10'000) << 0.1 << 200.0 << qint64(9'500) << 150.0;
    QTest::newRow("batch-interval-of-2s-at-0.075") << qint64(0) << 0.075 << 0.0 << qint64(2'000) << 150.0;
}

void TestTimelineMapping::timeToX()
{
    QFETCH(qint64, origin);
    QFETCH(double, pxPerMs);
    QFETCH(double, left);
    QFETCH(qint64, t);
    QFETCH(double, x);
    TimelineMapping m;
    m.originMs = origin;
    m.pxPerMs = pxPerMs;
    m.left = left;
    QCOMPARE(m.timeToX(t), x);
}

void TestTimelineMapping::xToTimeInvertsTimeToX_data()
{
    QTest::addColumn<qint64>("t");
    QTest::newRow("at-origin") << qint64(1'795'514'400'000);
    QTest::newRow("a-block-later") << qint64(1'795'514'400'200);
    QTest::newRow("a-batch-later") << qint64(1'795'514'401'000);
}

void TestTimelineMapping::xToTimeInvertsTimeToX()
{
    QFETCH(qint64, t);
    TimelineMapping m;
    m.originMs = 1'795'514'400'000;
    m.pxPerMs = 0.125; // exact in binary: no rounding in the round trip
    m.left = 230;
    QCOMPARE(m.xToTime(m.timeToX(t)), t);
}

void TestTimelineMapping::tickStep_data()
{
    QTest::addColumn<qint64>("rangeMs");
    QTest::addColumn<double>("widthPx");
    QTest::addColumn<qint64>("step");
    QTest::newRow("6s-over-900px-gives-500ms") << qint64(6'000) << 900.0 << qint64(500);
    QTest::newRow("6s-over-300px-gives-2s") << qint64(6'000) << 300.0 << qint64(2'000);
    QTest::newRow("1s-over-1000px-gives-100ms") << qint64(1'000) << 1000.0 << qint64(100);
    QTest::newRow("an-hour-over-1000px-gives-5min") << qint64(3'600'000) << 1000.0 << qint64(300'000);
    QTest::newRow("empty-range-falls-back-to-1s") << qint64(0) << 800.0 << qint64(1'000);
}

void TestTimelineMapping::tickStep()
{
    QFETCH(qint64, rangeMs);
    QFETCH(double, widthPx);
    QFETCH(qint64, step);
    QCOMPARE(dsl::ui::tickStep(rangeMs, widthPx, 60), step);
}

void TestTimelineMapping::computeTicks_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<double>("width");
    QTest::addColumn<std::vector<qint64>>("times");
    QTest::addColumn<std::vector<qint64>>("majors");
    QTest::newRow("half-seconds-with-whole-seconds-major")
        << qint64(10'200) << qint64(12'100) << 240.0 << std::vector<qint64>{10'500, 11'000, 11'500, 12'000}
        << std::vector<qint64>{11'000, 12'000};
    QTest::newRow("whole-seconds-every-fifth-major") << qint64(0) << qint64(6'000) << 400.0
                                                     << std::vector<qint64>{0, 1'000, 2'000, 3'000, 4'000, 5'000, 6'000}
                                                     << std::vector<qint64>{0, 5'000};
    QTest::newRow("a-tick-on-the-start-is-kept") << qint64(2'000) << qint64(3'000) << 130.0
                                                 << std::vector<qint64>{2'000, 2'500, 3'000}
                                                 << std::vector<qint64>{2'000, 3'000};
    QTest::newRow("no-width-no-ticks") << qint64(0) << qint64(1'000) << 0.0 << std::vector<qint64>{} << std::vector<qint64>{};
}

void TestTimelineMapping::computeTicks()
{
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    QFETCH(double, width);
    QFETCH(std::vector<qint64>, times);
    QFETCH(std::vector<qint64>, majors);
    std::vector<qint64> gotTimes, gotMajors;
    for (const TimelineTick &t : dsl::ui::computeTicks(start, end, width, 60)) {
        gotTimes.push_back(t.timeMs);
        if (t.major) gotMajors.push_back(t.timeMs);
    }
    QCOMPARE(gotTimes, times);
    QCOMPARE(gotMajors, majors);
}

void TestTimelineMapping::rowAt_data()
{
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("row");
    // axis 28 + lane 56 + blocks 26 + gap 6: row 0 starts at 116, rows are 64 high, 6 apart.
    QTest::newRow("in-the-receiver-lane-is-no-row") << 60.0 << -1;
    QTest::newRow("top-of-the-first-row") << 116.0 << 0;
    QTest::newRow("inside-the-second-row") << 200.0 << 1;
    QTest::newRow("in-the-gap-between-rows") << 183.0 << -1;
}

void TestTimelineMapping::rowAt()
{
    QFETCH(double, y);
    QFETCH(int, row);
    TimelineMapping m;
    QCOMPARE(m.rowTop(0), 116.0);
    QCOMPARE(m.rowAt(y), row);
}

void TestTimelineMapping::followPutsNowAtTheFraction()
{
    TimelineMapping m;
    m.left = 200;
    m.width = 1000;
    m.pxPerMs = 0.1;
    m.follow(50'000, 0.8);
    QCOMPARE(m.timeToX(50'000), 200.0 + 800.0);
}

QTEST_APPLESS_MAIN(TestTimelineMapping)
#include "tst_timelinemapping.moc"
