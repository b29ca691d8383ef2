// RunPacer: the run-control modes as decisions over (next time, run state, wall time).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runpacer.h"
#endif

#include <QTest>

using namespace dsl;
using namespace dsl::session;
using Wall = RunPacer::WallClock;

class TestRunPacer : public QObject {
    Q_OBJECT
private slots:
    void pausedAllowsNothing();
    void stepEventAllowsExactlyOne();
    void stepBatchStopsWhenTheNextBatchCompletes();
    void stepBatchStopsBeforeTheBoundaryAfterNextWhenStarved();
    void runUntilBatch_data();
    void runUntilBatch();
    void runUntilTimeStopsAtTheTime_data();
    void runUntilTimeStopsAtTheTime();
    void realtimeFollowsWallTimeTimesSpeed_data();
    void realtimeFollowsWallTimeTimesSpeed();
    void nextBoundary_data();
    void nextBoundary();
};

namespace {
RunPacer::RunState state(std::int64_t now, int completed = 0)
{
    return RunPacer::RunState{SimTime(now), completed, SimTime(1000), Duration(1000)};
}
} // namespace

void TestRunPacer::pausedAllowsNothing()
{
    RunPacer p;
    p.resetClock(SimTime(0));
    QVERIFY(!p.decide(SimTime(200), state(0), Wall::now()).allow);
    QCOMPARE(p.clock(), SimTime(0));
}

void TestRunPacer::stepEventAllowsExactlyOne()
{
    RunPacer p;
    p.resetClock(SimTime(0));
    p.stepEvent();
    QVERIFY(p.decide(SimTime(200), state(0), Wall::now()).allow);
    QCOMPARE(p.clock(), SimTime(200));
    QVERIFY(!p.decide(SimTime(400), state(200), Wall::now()).allow);
    QVERIFY(p.isPaused());
}

void TestRunPacer::stepBatchStopsWhenTheNextBatchCompletes()
{
    RunPacer p;
    p.resetClock(SimTime(0));
    p.stepBatch();
    QVERIFY(p.decide(SimTime(1000), state(0, 0), Wall::now()).allow);
    QVERIFY(p.decide(SimTime(1050), state(1000, 0), Wall::now()).allow);
    QVERIFY(!p.decide(SimTime(1200), state(1050, 1), Wall::now()).allow);
    QVERIFY(p.isPaused());
}

void TestRunPacer::stepBatchStopsBeforeTheBoundaryAfterNextWhenStarved()
{
    RunPacer p;
    p.resetClock(SimTime(0));
    p.stepBatch(); // at 1500: next boundary 2000, limit 2999
    QVERIFY(p.decide(SimTime(2000), state(1500, 0), Wall::now()).allow);
    QVERIFY(p.decide(SimTime(2800), state(2000, 0), Wall::now()).allow);
    QVERIFY(!p.decide(SimTime(3000), state(2800, 0), Wall::now()).allow);
    QCOMPARE(p.clock(), SimTime(2999));
}

void TestRunPacer::runUntilBatch_data()
{
    // Batches at 1000, 2000, 3000, ... (first batch 1000, interval 1000).
    QTest::addColumn<int>("target");
    QTest::addColumn<bool>("canProcess");
    QTest::addColumn<qint64>("upTo");
    QTest::addColumn<int>("completed");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("runs-while-fewer-batches-completed") << 3 << true << qint64(3050) << 2 << true;
    QTest::newRow("stops-once-the-target-completed") << 3 << true << qint64(3200) << 3 << false;
    QTest::newRow("with-cores-a-slow-batch-past-its-time-still-runs") << 3 << true << qint64(4500) << 2 << true;
    QTest::newRow("starved-local1-runs-up-to-the-nth-batch-time") << 3 << false << qint64(3000) << 0 << true;
    QTest::newRow("starved-local1-stops-after-the-nth-batch-is-generated") << 3 << false << qint64(3200) << 0 << false;
}

void TestRunPacer::runUntilBatch()
{
    QFETCH(int, target);
    QFETCH(bool, canProcess);
    QFETCH(qint64, upTo);
    QFETCH(int, completed);
    QFETCH(bool, allowed);
    RunPacer p;
    p.resetClock(SimTime(0));
    p.runUntilBatch(target);
    RunPacer::RunState st = state(upTo - 100, completed);
    st.canProcess = canProcess;
    QCOMPARE(p.decide(SimTime(upTo), st, Wall::now()).allow, allowed);
    QCOMPARE(p.isPaused(), !allowed);
}

void TestRunPacer::runUntilTimeStopsAtTheTime_data()
{
    QTest::addColumn<qint64>("target");
    QTest::addColumn<qint64>("upTo");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<qint64>("clockAfter");
    QTest::newRow("event-before-the-time-runs") << qint64(5000) << qint64(4800) << true << qint64(4800);
    QTest::newRow("event-at-the-time-runs") << qint64(5000) << qint64(5000) << true << qint64(5000);
    QTest::newRow("event-after-the-time-stops-with-the-clock-at-the-time") << qint64(5000) << qint64(5200) << false
                                                                          << qint64(5000);
}

void TestRunPacer::runUntilTimeStopsAtTheTime()
{
    QFETCH(qint64, target);
    QFETCH(qint64, upTo);
    QFETCH(bool, allowed);
    QFETCH(qint64, clockAfter);
    RunPacer p;
    p.resetClock(SimTime(0));
    p.runUntilTime(SimTime(target));
    QCOMPARE(p.decide(SimTime(upTo), state(4000), Wall::now()).allow, allowed);
    QCOMPARE(p.clock().ms(), clockAfter);
}

void TestRunPacer::realtimeFollowsWallTimeTimesSpeed_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<int>("wallMs");
    QTest::addColumn<qint64>("expectedClock");
    QTest::newRow("1x-after-100ms-wall-is-100ms-simulated") << 1.0 << 100 << qint64(100);
    QTest::newRow("4x-after-100ms-wall-is-400ms-simulated") << 4.0 << 100 << qint64(400);
    QTest::newRow("quarter-speed-after-400ms-wall-is-100ms") << 0.25 << 400 << qint64(100);
}

void TestRunPacer::realtimeFollowsWallTimeTimesSpeed()
{
    QFETCH(double, speed);
    QFETCH(int, wallMs);
    QFETCH(qint64, expectedClock);
    RunPacer p;
    p.resetClock(SimTime(0));
    p.run(speed);
    const auto t0 = Wall::now();
    auto d = p.decide(SimTime(5000), state(0), t0);
    QVERIFY(!d.allow);
    QVERIFY(d.wakeAt);
    d = p.decide(SimTime(5000), state(0), t0 + std::chrono::milliseconds(wallMs));
    QVERIFY(!d.allow);
    QCOMPARE(p.clock().ms(), expectedClock);
    // The event becomes due when the clock reaches it.
    const auto due = t0 + std::chrono::milliseconds(static_cast<int>(5000 / speed));
    QVERIFY(p.decide(SimTime(5000), state(0), due).allow);
}

void TestRunPacer::nextBoundary_data()
{
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("before-the-first-batch-is-the-first-batch") << qint64(300) << qint64(1000);
    QTest::newRow("on-a-boundary-is-the-next-one") << qint64(2000) << qint64(3000);
    QTest::newRow("between-boundaries") << qint64(2500) << qint64(3000);
}

void TestRunPacer::nextBoundary()
{
    QFETCH(qint64, now);
    QFETCH(qint64, expected);
    QCOMPARE(nextBatchBoundary(SimTime(now), SimTime(1000), Duration(1000)).ms(), expected);
}

QTEST_APPLESS_MAIN(TestRunPacer)
#include "tst_runpacer.moc"
