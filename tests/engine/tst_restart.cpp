// Qt Test: a recovered context restarts as Spark's JobGenerator.restart does
// (streaming/src/main/scala/org/apache/spark/streaming/scheduler/JobGenerator.scala,
// docs/spark-semantics.md §16): the graph keeps the checkpoint's zero time; the restart time is
// RecurringTimer.getRestartTime(zeroTime); the checkpoint's pending batches and the down time
// (checkpointTime.until(restartTime, batchDuration)) are generated and run first, in time order,
// then the timer continues from the restart time.
//
// 1. CheckpointSuite's testCheckpointedOperation restarts (tests/data/scala_cases.json), as
//    Spark runs them: the restarted ManualClock is set to the checkpoint's time, so the
//    checkpoint's batch runs again and the outputs after the restart are the expected suffix.
// 2. Hand-derived rows over a socket source (no receivers' write-ahead log: the rescheduled
//    batches' blocks, known from the received block log, are lost): run 1 receives "a" in each of the batches 1..10 s and stops at 10.5 s (metadata
//    checkpoint 10 s, updateStateByKey's RDD checkpoint 10 s); the driver comes back later.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "restartkit.h"
#endif

#include <QDir>
#include <QFile>

#include <ctime>

using namespace dsl;
using namespace scalakit;
using namespace wskit;
using testkit::kT0;
using testkit::Driver;
using restartkit::Ran;
using restartkit::SocketRun;
using restartkit::SocketRunOptions;

namespace {


// ---- CheckpointSuite ----------------------------------------------------------------------------

/// testCheckpointedOperation's operations (the Scala text of each case), master "local".
const std::map<QString, Operation> &checkpointOperations()
{
    static const std::map<QString, Operation> table = [] {
        std::map<QString, Operation> t;
        const Shape pairSS = Tup({S(), S()});
        // (s: DStream[String]) => s.map(x => (x, 1)).reduceByKey(_ + _)
        t[QStringLiteral("CheckpointSuite/recovery with map and reduceByKey operations")] = {
            S(), pairSS, [](Harness &, const DStreamPtr &s, Duration, Duration) { return ops::reduceByKey(keyedBy(s, 1), plus); },
            "local"};
        // st.map(x => (x, 1)).reduceByKeyAndWindow(_ + _, _ - _, batchDuration * w, batchDuration)
        //   .checkpoint(batchDuration * 2)   with w = 4
        t[QStringLiteral("CheckpointSuite/recovery with invertible reduceByKeyAndWindow operation")] = {
            S(), pairSS,
            [](Harness &h, const DStreamPtr &s, Duration, Duration) {
                DStreamPtr out = ops::reduceByKeyAndWindow(keyedBy(s, 1), plus, minus, h.batch * 4, h.batch);
                out->checkpoint(h.batch * 2);
                return out;
            },
            "local"};
        // st.map(x => (x, 1)).updateStateByKey(updateFunc).checkpoint(batchDuration * 2).map(t => (t._1, t._2))
        t[QStringLiteral("CheckpointSuite/recovery with updateStateByKey operation")] = {
            S(), pairSS,
            [](Harness &h, const DStreamPtr &s, Duration, Duration) {
                DStreamPtr state = ops::updateStateByKey(keyedBy(s, 1), runningSum);
                state->checkpoint(h.batch * 2);
                return ops::map(state, [](const Value &t) { return Value::pair(t.key(), t.value()); });
            },
            "local"};
        return t;
    }();
    return table;
}

/// Run 1 of the hand-derived rows: "a" at 0.5 s, 1.5 s, ..., 9.5 s; stopped at 10.5 s.
void firstRun(const std::string &dir, int failingBatch = 0, bool window = false)
{
    QList<qint64> lines;
    for (int i = 0; i < 10; ++i) lines << 500 + 1000 * i;
    SocketRun run(dir, {false, 0_s, lines, {}, failingBatch, window});
    run.runTo(10500_ms);
    QCOMPARE(run.ran.size(), std::size_t(window ? 5 : 10));
}

/// The state {("a", n)}, or no record for 0.
Records stateOf(int n)
{
    return n ? Records{Value::pair(Value("a"), Value(n))} : Records{};
}

} // namespace

class TestRestart : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    void restartTime_data()
    {
        QTest::addColumn<qint64>("now");
        QTest::addColumn<qint64>("zero");
        QTest::addColumn<qint64>("interval");
        QTest::addColumn<qint64>("expected");
        // RecurringTimer.getRestartTime(originalStartTime):
        // (math.floor((now - originalStartTime) / period) + 1) * period + originalStartTime
        QTest::newRow("mid-interval-next-multiple") << qint64(14500) << qint64(0) << qint64(1000) << qint64(15000);
        QTest::newRow("on-a-multiple-the-one-after") << qint64(13000) << qint64(0) << qint64(1000) << qint64(14000);
        QTest::newRow("counted-from-the-zero-time") << qint64(13000) << qint64(500) << qint64(1000) << qint64(13500);
        QTest::newRow("2s-interval") << qint64(13000) << qint64(0) << qint64(2000) << qint64(14000);
        QTest::newRow("clock-before-the-zero-time-floors-down")
            << qint64(-1500) << qint64(0) << qint64(1000) << qint64(-1000);
    }
    void restartTime()
    {
        QFETCH(qint64, now);
        QFETCH(qint64, zero);
        QFETCH(qint64, interval);
        QFETCH(qint64, expected);
        QCOMPARE(JobScheduler::restartTime(SimTime(now), SimTime(zero), Duration(interval)), SimTime(expected));
    }

    void checkpointSuiteRestart_data()
    {
        QTest::addColumn<QString>("row");
        const CaseFile cases = loadCases(kCasesFile, {"CheckpointSuite"});
        QVERIFY2(cases.error.isEmpty(), qPrintable(cases.error));
        for (const QString &row : cases.order)
            if (checkpointOperations().count(row)) QTest::newRow(row.toUtf8().constData()) << row;
    }
    /// testCheckpointedOperation: run restart_after_batches batches, stop, recover, run to the
    /// end; "the first element will be re-processed data of the last batch before restart".
    void checkpointSuiteRestart()
    {
        QFETCH(QString, row);
        const CaseFile cases = loadCases(kCasesFile, {"CheckpointSuite"});
        const QJsonObject c = cases.byRow.at(row);
        const Operation &op = checkpointOperations().at(row);
        const QJsonArray expected = get(c, "expected").toArray();
        const int total = static_cast<int>(expected.size()), restart = get(c, "restart_after_batches").toInt();
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        {
            Harness h(batchOf(c), {}, op.master);
            h.ssc->checkpoint(path);
            h.collect(op.build(h, h.input(c, "input", op.in), h.batch, h.batch));
            h.run(restart);
            QVERIFY2(!h.ssc->hasError(), "a job failed before the restart");
            h.ssc->stop();
            QJsonArray before;
            for (int i = 0; i < restart; ++i) before.append(expected[i]);
            compareBatches(h.collected, before, op.out, true);
        }
        const auto checkpoint = CheckpointFiles::readLatest(path);
        QVERIFY(checkpoint && checkpoint->zeroTime);
        Harness h(batchOf(c), {}, op.master);
        QCOMPARE(checkpoint->batchTime, SimTime(h.batch.ms() * restart));
        QCOMPARE(*checkpoint->zeroTime, SimTime(0));
        h.collect(op.build(h, h.input(c, "input", op.in), h.batch, h.batch));
        QVERIFY(h.ssc->recoverFromCheckpoint(path));
        // JobGenerator.restart with a ManualClock: clock.setTime(checkpointTime + jump), jump 0
        AsFastAsPossiblePacer pacer;
        awaitWithoutContext(h.sim, checkpoint->batchTime, pacer);
        h.ssc->start();
        h.ssc->awaitTerminationOrTimeout(h.batch * (total - restart));
        h.ssc->awaitTerminationOrTimeout(h.batch - Duration(1));
        QVERIFY2(!h.ssc->hasError(), "a job failed after the restart");
        h.ssc->stop();
        QJsonArray after;
        for (int i = restart - 1; i < total; ++i) after.append(expected[i]);
        compareBatches(h.collected, after, op.out, true);
    }

    void reschedules_data()
    {
        QTest::addColumn<qint64>("restartAtMs");
        QTest::addColumn<int>("failingBatch");
        QTest::addColumn<QList<int>>("rescheduled"); // batch times, s after kT0, in run order
        QTest::addColumn<QList<int>>("states");      // their states: count of "a" (0: empty)
        QTest::addColumn<int>("firstTimerBatch");
        // downTimes = checkpointTime.until(restartTime, batchDuration): 10 s included
        QTest::newRow("checkpoint-batch-and-the-down-time-run-first")
            << qint64(14500) << 0 << QList<int>{10, 11, 12, 13, 14} << QList<int>{10, 10, 10, 10, 10} << 15;
        QTest::newRow("restart-on-a-batch-boundary-leaves-that-batch-to-the-timer")
            << qint64(13000) << 0 << QList<int>{10, 11, 12, 13} << QList<int>{10, 10, 10, 10} << 14;
        QTest::newRow("restart-at-the-checkpoint-time-reruns-only-its-batch")
            << qint64(10000) << 0 << QList<int>{10} << QList<int>{10} << 11;
        // JobScheduler.handleJobCompletion never removes a failed job set: batch 7 is pending in
        // the checkpoint of 10 s. Its state is recomputed from the zero time, with no blocks.
        QTest::newRow("failed-batch-stays-pending-and-runs-first")
            << qint64(12500) << 7 << QList<int>{7, 10, 11, 12} << QList<int>{0, 10, 10, 10} << 13;
    }
    void reschedules()
    {
        QFETCH(qint64, restartAtMs);
        QFETCH(int, failingBatch);
        QFETCH(QList<int>, rescheduled);
        QFETCH(QList<int>, states);
        QFETCH(int, firstTimerBatch);
        QTemporaryDir dir;
        firstRun(dir.path().toStdString(), failingBatch);
        const auto checkpoint = CheckpointFiles::readLatest(dir.path().toStdString());
        QVERIFY(checkpoint.has_value());
        QCOMPARE(checkpoint->batchTime, kT0 + 10_s);
        QCOMPARE(checkpoint->pendingTimes.size(), std::size_t(failingBatch ? 1 : 0));

        SocketRun run(dir.path().toStdString(), {true, Duration(restartAtMs)});
        run.runTo(Duration(restartAtMs) + 1500_ms);
        QVERIFY(run.ran.size() > static_cast<std::size_t>(rescheduled.size()));
        for (qsizetype i = 0; i < rescheduled.size(); ++i) {
            const Ran &r = run.ran[static_cast<std::size_t>(i)];
            QCOMPARE(r.batch, kT0 + Duration(1000 * rescheduled[i]));
            QVERIFY2(r.at >= kT0 + Duration(restartAtMs) && r.at < kT0 + Duration(1000 * firstTimerBatch), "ran late");
            QCOMPARE(r.state, stateOf(states[i]));
            // Without the receivers' write-ahead log the blocks are lost; the input info still
            // counts what the received block log recorded (batches up to 10 s had one "a").
            QCOMPARE(run.recordsOf(r.batch), std::int64_t(rescheduled[i] <= 10 ? 1 : 0));
        }
        const Ran &next = run.ran[static_cast<std::size_t>(rescheduled.size())];
        QCOMPARE(next.batch, kT0 + Duration(1000 * firstTimerBatch));
        QVERIFY(next.at >= next.batch);
        QVERIFY(run.logged(LogLevel::Info, "Batches to reschedule (" + std::to_string(rescheduled.size()) + " batches): " +
                                               (kT0 + Duration(1000 * rescheduled[0])).toString()));
        QVERIFY(!run.logged(LogLevel::Warn, "the batch times restart"));
    }

    void stateContinuesAndCheckpointsNameTheRestoredFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString();
        firstRun(path);
        // Run 2 comes back at 14.5 s; "a" arrives at 15.5, 16.5 and 17.5 s (batches 16..18).
        {
            SocketRun run(path, {true, 14500_ms, {15500, 16500, 17500}});
            run.runTo(18500_ms);
            std::vector<std::pair<int, Records>> got, want;
            for (const Ran &r : run.ran) got.emplace_back(static_cast<int>((r.batch - kT0).ms() / 1000), r.state);
            for (int t = 10; t <= 18; ++t) want.emplace_back(t, stateOf(t <= 15 ? 10 : t - 5));
            QCOMPARE(got, want);
            for (int t = 10; t <= 18; ++t)
                QCOMPARE(run.recordsOf(kT0 + Duration(1000 * t)), std::int64_t(t == 10 || t > 15 ? 1 : 0));
        }
        // No RDD checkpoint since (the next is at 20 s): the checkpoints name the restored file,
        // as DStreamCheckpointData keeps currentCheckpointFiles until a newer one exists.
        const auto checkpoint = CheckpointFiles::readLatest(path);
        QVERIFY(checkpoint.has_value());
        QCOMPARE(checkpoint->batchTime, kT0 + 18_s);
        QCOMPARE(checkpoint->zeroTime, std::optional<SimTime>(kT0));
        QCOMPARE(checkpoint->stateTimes.at(0), kT0 + 10_s);
        QVERIFY(checkpoint->pendingTimes.empty());
        // Run 3 at 20.5 s: the state of 10 s again; 16..18 s were received after it: lost.
        SocketRun third(path, {true, 20500_ms});
        third.runTo(21500_ms);
        QCOMPARE(third.ran.front().batch, kT0 + 18_s);
        QCOMPARE(third.ran.front().state, stateOf(10));
        QVERIFY(third.logged(LogLevel::Warn, "StateDStream@2 recovers its state of " + (kT0 + 10_s).toString() +
                                                 ": the received data of 8 later batch(es)"));
    }

    void windowTimesKeepTheCheckpointsZeroTime()
    {
        // window(2 s, 2 s): RDDs only at even seconds from the zero time
        // kT0 (DStream.isTimeValid). Restarted at 13.5 s: 10 and 12 s rescheduled, then 14, 16 s.
        QTemporaryDir dir;
        firstRun(dir.path().toStdString(), 0, true);
        SocketRun run(dir.path().toStdString(), {true, 13500_ms, {}, {}, 0, true});
        run.runTo(16500_ms);
        std::vector<SimTime> times;
        for (const Ran &r : run.ran) times.push_back(r.batch);
        QCOMPARE(times, (std::vector<SimTime>{kT0 + 10_s, kT0 + 12_s, kT0 + 14_s, kT0 + 16_s}));
    }

    void clockBeforeTheCheckpointRestartsTheBatchTimes_data()
    {
        QTest::addColumn<qint64>("restartAtMs");
        QTest::addColumn<bool>("olderFile");
        QTest::addColumn<QString>("why");
        QTest::addColumn<int>("firstBatch");
        // Only a simulation can start before its checkpoint (the same --start-time again), and
        // only a checkpoint without the zero time lacks what the graph needs to continue.
        QTest::newRow("clock-before-the-checkpoint") << qint64(0) << false
                                                     << QStringLiteral("is before the checkpoint") << 1;
        QTest::newRow("checkpoint-without-the-zero-time") << qint64(14500) << true
                                                          << QStringLiteral("without the graph's zero time") << 15;
    }
    void clockBeforeTheCheckpointRestartsTheBatchTimes()
    {
        QFETCH(qint64, restartAtMs);
        QFETCH(bool, olderFile);
        QFETCH(QString, why);
        QFETCH(int, firstBatch);
        QTemporaryDir dir;
        firstRun(dir.path().toStdString());
        if (olderFile) {
            // DSTREAMLAB-CHECKPOINT-2: the same header without the zero time's two words, and
            // without version 4's Kafka section (here its count of direct streams, 0, at the end).
            for (const QString &name : QDir(dir.path()).entryList({QStringLiteral("checkpoint-*")})) {
                QFile f(dir.filePath(name));
                QVERIFY(f.open(QIODevice::ReadWrite));
                QByteArray bytes = f.readAll();
                const QByteArray magic("DSTREAMLAB-CHECKPOINT-4\n");
                QVERIFY(bytes.startsWith(magic));
                QVERIFY(bytes.endsWith(QByteArray(8, '\0')));
                bytes.chop(8);
                bytes.replace(0, magic.size(), "DSTREAMLAB-CHECKPOINT-2\n");
                bytes.remove(magic.size() + 16, 16);
                f.resize(0);
                f.seek(0);
                f.write(bytes);
            }
            QVERIFY(!CheckpointFiles::readLatest(dir.path().toStdString())->zeroTime);
        }
        SocketRun run(dir.path().toStdString(), {true, Duration(restartAtMs)});
        run.runTo(Duration(restartAtMs) + 1500_ms);
        QVERIFY(run.logged(LogLevel::Warn, "the batch times restart at this run's next batch interval"));
        QVERIFY(run.logged(LogLevel::Warn, why.toStdString()));
        // The recovered state is the state just before the new first batch.
        QCOMPARE(run.ran.front().batch, kT0 + Duration(1000 * firstBatch));
        QCOMPARE(run.ran.front().state, stateOf(10));
    }
};

QTEST_APPLESS_MAIN(TestRestart)
#include "tst_restart.moc"
