// Qt Test: recovery from the checkpoint directory (StreamingContext.getOrCreate's path).
//
// Run, stop, recover into a re-created program, run on: totals continue, the data of batches
// after the last RDD checkpoint is lost with a warning (no write-ahead log, as in Spark),
// mapWithState's state files and timeout ages survive, a missing or unreadable checkpoint fails as
// Spark's CheckpointReader does, and an output added after recovery fails at start.
// Both runs start their clock at 0, before the checkpoint: the batch times restart at the second
// run's start (StreamingContext::start's fallback, with a WARN). tst_restart covers the restart
// of a driver that comes back after its checkpoint (JobGenerator.restart).

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "windowstatekit.h"
#endif

#include <ctime>

using namespace dsl;
using namespace scalakit;
using namespace wskit;

namespace {

// ---- recovery from the checkpoint directory -----------------------------------------------------

/// The words of batch i (1-based) of the recovery tests.
Records recoveryWords(int i)
{
    Records r;
    r.emplace_back("w" + std::to_string(i % 5));
    r.emplace_back("w" + std::to_string(i % 3));
    r.emplace_back("x");
    if (i % 4 == 0) r.emplace_back("y");
    return r;
}

/// Per-word counts over the given batches, counted here without the engine.
Records countsOf(const std::vector<int> &batchNumbers)
{
    std::map<std::string, long long> n;
    for (int i : batchNumbers)
        for (const Value &w : recoveryWords(i)) ++n[std::string(w.asStr())];
    Records out;
    for (const auto &[w, c] : n) out.push_back(Value::pair(Value(w), Value(c)));
    return asSet(std::move(out));
}

std::vector<int> batchRange(int from, int to)
{
    std::vector<int> out;
    for (int i = from; i <= to; ++i) out.push_back(i);
    return out;
}

enum class Recovered { UpdateStateByKey, MapWithState, ReduceByKeyAndWindowInv };

/// One run of the recovery program: batches first..first+count-1 of recoveryWords as input; the
/// totals of the last batch; recovering from `dir` first when `recover`.
struct RecoveryRun {
    Records last;
    std::vector<std::string> warnings;
};

RecoveryRun runRecovery(Recovered kind, const std::string &dir, bool recover, int first, int count)
{
    Harness h(Duration(1000));
    std::vector<std::optional<Records>> batches;
    for (int i = first; i < first + count; ++i) batches.push_back(recoveryWords(i));
    const DStreamPtr words = keyedBy(h.input(std::move(batches), 2), Value(1));
    DStreamPtr out;
    switch (kind) {
    case Recovered::UpdateStateByKey: out = ops::updateStateByKey(words, runningSum); break;
    case Recovered::MapWithState: {
        StateSpec spec;
        spec.function = [](SimTime, const Value &k, const std::optional<Value> &v, MapState &st) -> std::optional<Value> {
            const long long n = (st.exists() ? st.get().asInt() : 0) + (v ? v->asInt() : 0);
            st.update(Value(n));
            return Value::pair(k, Value(n));
        };
        DStreamPtr snapshots;
        ops::mapWithState(words, spec, &snapshots);
        out = snapshots;
        break;
    }
    case Recovered::ReduceByKeyAndWindowInv:
        out = ops::reduceByKeyAndWindow(words, plus, minus, Duration(4000), Duration(1000));
        break;
    }
    RecoveryRun r;
    ops::foreachRDD(out, [&](const RDDPtr &rdd, SimTime) { r.last = asSet(h.sc->collect(rdd)); });
    if (recover) {
        if (!h.ssc->recoverFromCheckpoint(dir)) QTest::qFail("no checkpoint to recover from", __FILE__, __LINE__);
    } else {
        h.ssc->checkpoint(dir);
    }
    h.run(count);
    if (h.ssc->hasError()) QTest::qFail("the run failed", __FILE__, __LINE__);
    h.ssc->stop();
    for (const auto &[level, m] : h.logs.lines)
        if (level == LogLevel::Warn) r.warnings.push_back(m);
    return r;
}

} // namespace

class TestRecovery : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
    }

    // ---- recovery: run, stop, recover from the checkpoint directory, run on ----

    void recoveryContinuesTotals_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("firstRun");
        QTest::addColumn<QList<int>>("expectedBatches");
        QTest::addColumn<QString>("lostWarning");
        // Every checkpoint interval here is 10 s (updateStateByKey / windows: the smallest multiple
        // of the slide >= 10 s; mapWithState: 10 x batch), so the RDD checkpoint is at batch 10.
        auto all = [](std::vector<int> v) { return QList<int>(v.begin(), v.end()); };
        const QString none;
        QTest::newRow("updateStateByKey-stop-on-checkpoint-equals-20-batches-in-one-go")
            << int(Recovered::UpdateStateByKey) << 10 << all(batchRange(1, 20)) << none;
        QTest::newRow("mapWithState-stop-on-checkpoint-equals-20-batches-in-one-go")
            << int(Recovered::MapWithState) << 10 << all(batchRange(1, 20)) << none;
        // ReducedWindowedDStream: the window of 20 is batches 17..20, but the recovered window of
        // 10 holds batches 7..10, whose RDDs Spark recomputes as empty after the restart
        // (ReceiverInputDStream.compute before graph.startTime): they are never subtracted.
        std::vector<int> window = batchRange(17, 20);
        for (int i = 7; i <= 10; ++i) window.push_back(i);
        QTest::newRow("reduceByKeyAndWindow-inverse-recovered-window-keeps-the-pre-restart-batches")
            << int(Recovered::ReduceByKeyAndWindowInv) << 10 << all(window)
            // ids: input 0, map 1, ReducedWindowedDStream 2 (its internal reduceByKey is 3)
            << QStringLiteral("ReducedWindowedDStream@2: the batches 7000 ms to 10000 ms of the recovered window are "
                              "recomputed empty after the restart, so their values are never subtracted from the window");
        // Stopped 3 batches after the RDD checkpoint of 10 s: batches 11..13 are lost.
        std::vector<int> lost = batchRange(1, 10);
        for (int i = 14; i <= 23; ++i) lost.push_back(i);
        QTest::newRow("updateStateByKey-stop-after-checkpoint-loses-later-batches-with-warning")
            << int(Recovered::UpdateStateByKey) << 13 << all(lost)
            // ids: the input stream 0, map 1, StateDStream 2
            << QStringLiteral("StateDStream@2 recovers its state of 10000 ms: the received data of 3 later batch(es) "
                              "(11000 ms, 12000 ms, 13000 ms) is lost, as without "
                              "spark.streaming.receiver.writeAheadLog.enable");
        QTest::newRow("mapWithState-stop-after-checkpoint-loses-later-batches")
            << int(Recovered::MapWithState) << 13 << all(lost) << none;
    }

    void recoveryContinuesTotals()
    {
        QFETCH(int, kind);
        QFETCH(int, firstRun);
        QFETCH(QList<int>, expectedBatches);
        QFETCH(QString, lostWarning);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto k = static_cast<Recovered>(kind);
        const RecoveryRun first = runRecovery(k, dir.path().toStdString(), false, 1, firstRun);
        QVERIFY(!QTest::currentTestFailed());
        for (const auto &w : first.warnings) QVERIFY2(w.find("Could not write checkpoint") == std::string::npos, w.c_str());
        const RecoveryRun second = runRecovery(k, dir.path().toStdString(), true, firstRun + 1, 10);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(second.last, countsOf(std::vector<int>(expectedBatches.begin(), expectedBatches.end())));
        if (!lostWarning.isEmpty())
            QVERIFY2(std::find(second.warnings.begin(), second.warnings.end(), lostWarning.toStdString()) !=
                         second.warnings.end(),
                     ("missing warning: " + lostWarning.toStdString() + "; got: " +
                      (second.warnings.empty() ? std::string("none") : second.warnings.back()))
                         .c_str());
    }

    void recoveryWithoutCheckpointFilesReturnsFalse()
    {
        QTemporaryDir dir;
        Harness h(Duration(1000));
        QVERIFY(!h.ssc->recoverFromCheckpoint(dir.path().toStdString()));
    }

    void unreadableCheckpointFailsAsCheckpointReader()
    {
        // CheckpointReader.read: every file fails -> SparkException("Failed to read checkpoint from directory ...")
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("checkpoint-1000")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        Harness h(Duration(1000));
        std::string message;
        EXPECT_RAISES(thrownBy([&] { h.ssc->recoverFromCheckpoint(dir.path().toStdString()); }), "SparkException", message);
        const std::string want = "Failed to read checkpoint from directory " + dir.path().toStdString();
        QVERIFY2(message.rfind(want, 0) == 0, message.c_str());
    }

    void mapWithStateStateIsWrittenToTheCheckpointFolder()
    {
        QTemporaryDir dir;
        const RecoveryRun r = runRecovery(Recovered::MapWithState, dir.path().toStdString(), false, 1, 12);
        for (const auto &w : r.warnings) QVERIFY2(w.find("NotSerializable") == std::string::npos, w.c_str());
        // the RDD checkpoint of 10 s and a metadata checkpoint per batch (the newest 3 kept)
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("state-0-10000"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("checkpoint-12000"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("checkpoint-10000"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("checkpoint-9000"))));
    }
    void mapWithStateTimeoutAgesSurviveRecovery()
    {
        // Timeout 11 s, RDD checkpoints every 10 batches (full scans at 10 and 10'). "k" arrives in
        // batch 8 only; recovered at 10, its state is 2 s old. At 10' of the second run it is
        // 12 s old: timed out (a state re-dated to the restart would be 10 s old and stay).
        QTemporaryDir dir;
        auto runOnce = [&](bool recover, std::vector<std::pair<SimTime, Records>> &mapped) {
            Harness h(Duration(1000));
            std::vector<std::optional<Records>> batches(10, Records{});
            if (!recover) batches[7] = strings({"k"});
            StateSpec spec;
            spec.timeout = Duration(11000);
            spec.function = [](SimTime, const Value &key, const std::optional<Value> &, MapState &st) -> std::optional<Value> {
                if (st.isTimingOut()) return Value::pair(key, Value("timed out"));
                st.update(Value(1));
                return std::nullopt;
            };
            const DStreamPtr out = ops::mapWithState(keyedBy(h.input(std::move(batches), 2), 1), spec);
            ops::foreachRDD(out, [&](const RDDPtr &rdd, SimTime t) { mapped.emplace_back(t, h.sc->collect(rdd)); });
            if (recover) QVERIFY(h.ssc->recoverFromCheckpoint(dir.path().toStdString()));
            else h.ssc->checkpoint(dir.path().toStdString());
            h.run(10);
            QVERIFY(!h.ssc->hasError());
            h.ssc->stop();
        };
        std::vector<std::pair<SimTime, Records>> first, second;
        runOnce(false, first);
        runOnce(true, second);
        QCOMPARE(first.size(), std::size_t(10));
        for (const auto &[t, recs] : first) QVERIFY2(recs.empty(), t.toString().c_str());
        QCOMPARE(second.size(), std::size_t(10));
        for (std::size_t i = 0; i + 1 < second.size(); ++i) QVERIFY2(second[i].second.empty(), second[i].first.toString().c_str());
        QCOMPARE(second.back().second, (Records{Value::pair(Value("k"), Value("timed out"))}));
    }
    void outputAddedAfterRecoveryIsNotInitialized()
    {
        // The classic getOrCreate pitfall: an output operation defined after recovery (outside the
        // setup function) is not part of the recovered graph; Spark's start fails on it.
        QTemporaryDir dir;
        {
            Harness h(Duration(1000));
            h.collect(ops::updateStateByKey(keyedBy(h.input({strings({"a"})}, 2), 1), runningSum));
            h.ssc->checkpoint(dir.path().toStdString());
            h.run(10);
            h.ssc->stop();
        }
        Harness h(Duration(1000));
        const DStreamPtr in = h.input({strings({"a"})}, 2);
        h.collect(ops::updateStateByKey(keyedBy(in, 1), runningSum)); // the setup function's graph: ids 0..3
        QVERIFY(h.ssc->recoverFromCheckpoint(dir.path().toStdString()));
        h.collect(in); // added after recovery: ForEachDStream 4
        std::string message;
        EXPECT_RAISES(thrownBy([&] { h.ssc->start(); }), "SparkException", message);
        QCOMPARE(QString::fromStdString(message), QStringLiteral("ForEachDStream@4 has not been initialized"));
        QCOMPARE(h.ssc->state(), StreamingState::STOPPED);
        QVERIFY(h.logs.has(LogLevel::Error, "Error starting the context, marking it as stopped"));
    }
};

QTEST_APPLESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
