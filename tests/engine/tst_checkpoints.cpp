// Qt Test: checkpoints, as Spark writes and uses them.
//
// 1. Spark's own Scala cases of CheckpointSuite (tests/data/scala_cases.json) as data rows: the
//    uninterrupted run and the restart of testCheckpointedOperation; nothing expected is computed
//    by the engine. A coverage test fails when a case is neither run nor deferred.
// 2. Behaviour read from Spark's sources (docs/spark-semantics.md §8, §9): the
//    checkpoint directory check at start and its creation, default checkpoint intervals and their
//    validation, remember durations, and lineage truncation at RDD checkpoints.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "windowstatekit.h"
#endif

#include <QDir>

#include <ctime>

using namespace dsl;
using namespace scalakit;
using namespace wskit;

namespace {

// ---- cases and their bookkeeping ------------------------------------------------------------

const char *const kSuite = "CheckpointSuite";

/// Cases that are not run at all (none at present; the coverage test keeps the list honest).
const std::vector<Deferred> kDeferred = {};

/// Cases whose uninterrupted run is checked here while a part of them is deferred: CheckpointSuite's
/// testCheckpointedOperation stops the context after `restart_after_batches` batches and recovers
/// it from the checkpoint files (new StreamingContext(checkpointDir)).
const std::vector<Deferred> kPartlyDeferred = {
    {"CheckpointSuite/recovery with invertible reduceByKeyAndWindow operation",
     "the restart: Spark's recovered graph keeps its batch times and TestInputStream recomputes the old slices "
     "(batches 3..6) it subtracts after the restart; DStream Lab's recovery restarts the batch times, so slices "
     "before the restart are empty, as for a receiver without a write-ahead log, and the window keeps them "
     "(tested in recoveryContinuesTotals). The uninterrupted run's outputs, with RDD checkpoints every 2 batches, "
     "are checked"},
};

const CaseFile &cases()
{
    static const CaseFile file = loadCases(kCasesFile, {kSuite});
    return file;
}

// ---- CheckpointSuite --------------------------------------------------------------------------

/// The uninterrupted run of testCheckpointedOperation (master "local").
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

/// CheckpointSuite.testCheckpointedOperation's restart: run restart_after_batches batches with the
/// checkpoint directory, stop, recover into a re-created program, run to the end. Spark re-runs
/// from the checkpoint and recomputes TestInputStream's batches after the last RDD checkpoint, so
/// the restarted run is fed from the batch after the last state RDD checkpoint (or, without state,
/// from the checkpoint's batch); its outputs from the re-run batch on must be the expected
/// suffix: "the first element will be re-processed data of the last batch before restart"
/// (nextNumExpectedOutputs = expectedOutput.size - initialNumExpectedOutputs + 1).
void runCheckpointRestart(const QJsonObject &c, const Operation &op)
{
    std::vector<std::optional<Records>> input;
    for (const QJsonValue &b : get(c, "input").toArray()) input.push_back(batchFromJson(b, op.in));
    const int total = static_cast<int>(input.size()), restart = get(c, "restart_after_batches").toInt();
    const QJsonArray expected = get(c, "expected").toArray();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.path().toStdString();
    std::int64_t batchMs = 0;
    {
        Harness h(batchOf(c), {}, op.master);
        batchMs = h.batch.ms();
        h.ssc->checkpoint(path);
        h.collect(op.build(h, h.input(std::vector<std::optional<Records>>(input.begin(), input.begin() + restart),
                                      partitionsOf(c)),
                           h.batch, h.batch));
        h.run(restart);
        QVERIFY2(!h.ssc->hasError(), "a job failed before the restart");
        h.ssc->stop();
        QJsonArray before;
        for (int i = 0; i < restart; ++i) before.append(expected[i]);
        compareBatches(h.collected, before, op.out, true);
    }
    const auto checkpoint = CheckpointFiles::readLatest(path);
    QVERIFY(checkpoint.has_value());
    QCOMPARE(checkpoint->batchTime.ms(), restart * batchMs);
    int firstBatch = restart; // 1-based: the batch Spark re-runs
    for (const auto &[index, t] : checkpoint->stateTimes) firstBatch = std::min(firstBatch, static_cast<int>(t.ms() / batchMs) + 1);
    Harness h(batchOf(c), {}, op.master);
    h.collect(op.build(h, h.input(std::vector<std::optional<Records>>(input.begin() + firstBatch - 1, input.end()),
                                  partitionsOf(c)),
                       h.batch, h.batch));
    QVERIFY(h.ssc->recoverFromCheckpoint(path));
    h.run(total - firstBatch + 1);
    QVERIFY2(!h.ssc->hasError(), "a job failed after the restart");
    h.ssc->stop();
    const std::vector<Records> fromRerun(h.collected.begin() + (restart - firstBatch), h.collected.end());
    QJsonArray after;
    for (int i = restart - 1; i < total; ++i) after.append(expected[i]);
    compareBatches(fromRerun, after, op.out, true);
}

const std::map<QString, Runner> &runners()
{
    static const std::map<QString, Runner> table = operationRunners(checkpointOperations());
    return table;
}

} // namespace

class TestCheckpoints : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
        QVERIFY2(cases().error.isEmpty(), cases().error.toUtf8().constData());
        QVERIFY(!cases().order.empty());
    }

    /// Every CheckpointSuite case of the JSON is run by a row or deferred with a reason (windowstatekit.h).
    void coverage() { checkCoverage(cases(), {kSuite}, runners(), kDeferred, kPartlyDeferred); }

    /// CheckpointSuite: the outputs of an uninterrupted run (the recovery part is deferred).
    void checkpointSuite_data() { addRows(cases(), "CheckpointSuite", kDeferred); }
    void checkpointSuite()
    {
        QFETCH(QString, row);
        runRow(cases(), runners(), row);
    }

    /// CheckpointSuite's restart part (testCheckpointedOperation), where DStream Lab's recovery
    /// gives Spark's results.
    void checkpointSuiteRestart_data()
    {
        QTest::addColumn<QString>("row");
        for (const QString &row : cases().order)
            if (row.startsWith(QLatin1String("CheckpointSuite/")) && !listed(kPartlyDeferred, row))
                QTest::newRow(row.toUtf8().constData()) << row;
    }
    void checkpointSuiteRestart()
    {
        QFETCH(QString, row);
        runCheckpointRestart(cases().byRow.at(row), checkpointOperations().at(row));
    }

    // ---- §8.1: stateful operation without a checkpoint directory ----

    void checkpointDirMissing_data()
    {
        QTest::addColumn<Stateful>("kind");
        QTest::newRow("updateStateByKey") << Stateful::UpdateStateByKey;
        QTest::newRow("mapWithState") << Stateful::MapWithState;
        QTest::newRow("reduceByKeyAndWindow with inverse") << Stateful::ReduceByKeyAndWindowInv;
        QTest::newRow("countByWindow") << Stateful::CountByWindow;
        QTest::newRow("countByValueAndWindow") << Stateful::CountByValueAndWindow;
        QTest::newRow("reduceByWindow with inverse") << Stateful::ReduceByWindowInv;
    }
    void checkpointDirMissing()
    {
        QFETCH(Stateful, kind);
        Lab lab(Duration(1000), false);
        const DStreamPtr out = buildStateful(kind, keyedBy(lab.input({strings({"a"})}), 1), Duration(3000), Duration(1000));
        lab.collect(out);
        std::string message;
        EXPECT_RAISES(thrownBy([&] { lab.h.ssc->start(); }), "IllegalArgumentException", message);
        QCOMPARE(QString::fromStdString(message),
                 QStringLiteral("requirement failed: The checkpoint directory has not been set. Please set it by "
                                "StreamingContext.checkpoint()."));
        // StreamingContext.start: "Error starting the context, marking it as stopped"
        QCOMPARE(lab.h.ssc->state(), StreamingState::STOPPED);
        QVERIFY(lab.h.logs.has(LogLevel::Error, "Error starting the context, marking it as stopped"));
        QVERIFY(!lab.h.sim.hasPendingEvents());
    }

    /// Streams without mustCheckpoint start without a checkpoint directory.
    void noCheckpointDirNeeded()
    {
        Lab lab(Duration(1000), false);
        const DStreamPtr pairStream = keyedBy(lab.input({strings({"a"})}), 1);
        lab.collect(ops::window(pairStream, Duration(3000), Duration(1000)));
        lab.collect(ops::reduceByKeyAndWindow(pairStream, plus, Duration(3000), Duration(1000)));
        lab.collect(ops::groupByKeyAndWindow(pairStream, Duration(3000), Duration(1000)));
        lab.h.ssc->start();
        QCOMPARE(lab.h.ssc->state(), StreamingState::ACTIVE);
        lab.h.ssc->stop();
    }

    // ---- §8.2: default checkpoint intervals ----

    void defaultCheckpointInterval_data()
    {
        QTest::addColumn<Stateful>("kind");
        QTest::addColumn<qint64>("batchMs");
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<qint64>("slideMs");
        QTest::addColumn<qint64>("explicitMs"); // 0 = none
        QTest::addColumn<qint64>("expectedMs");
        // DStream.initialize: slideDuration * ceil(10 s / slideDuration)
        QTest::newRow("updateStateByKey 1 s") << Stateful::UpdateStateByKey << qint64(1000) << qint64(0) << qint64(0) << qint64(0) << qint64(10000);
        QTest::newRow("updateStateByKey 3 s") << Stateful::UpdateStateByKey << qint64(3000) << qint64(0) << qint64(0) << qint64(0) << qint64(12000);
        QTest::newRow("updateStateByKey 500 ms") << Stateful::UpdateStateByKey << qint64(500) << qint64(0) << qint64(0) << qint64(0) << qint64(10000);
        QTest::newRow("updateStateByKey 15 s") << Stateful::UpdateStateByKey << qint64(15000) << qint64(0) << qint64(0) << qint64(0) << qint64(15000);
        QTest::newRow("updateStateByKey 1 s, explicit 4 s") << Stateful::UpdateStateByKey << qint64(1000) << qint64(0) << qint64(0) << qint64(4000) << qint64(4000);
        QTest::newRow("updateStateByKey 3 s, explicit 3 s") << Stateful::UpdateStateByKey << qint64(3000) << qint64(0) << qint64(0) << qint64(3000) << qint64(3000);
        // The window stream's slide, not the batch, is what is rounded up.
        QTest::newRow("reduceByKeyAndWindow inverse 1 s, slide 1 s") << Stateful::ReduceByKeyAndWindowInv << qint64(1000) << qint64(30000) << qint64(1000) << qint64(0) << qint64(10000);
        QTest::newRow("reduceByKeyAndWindow inverse 1 s, slide 3 s") << Stateful::ReduceByKeyAndWindowInv << qint64(1000) << qint64(30000) << qint64(3000) << qint64(0) << qint64(12000);
        QTest::newRow("reduceByKeyAndWindow inverse 500 ms, slide 500 ms") << Stateful::ReduceByKeyAndWindowInv << qint64(500) << qint64(10000) << qint64(500) << qint64(0) << qint64(10000);
        QTest::newRow("reduceByKeyAndWindow inverse 1 s, slide 15 s") << Stateful::ReduceByKeyAndWindowInv << qint64(1000) << qint64(30000) << qint64(15000) << qint64(0) << qint64(15000);
        QTest::newRow("reduceByKeyAndWindow inverse explicit 6 s") << Stateful::ReduceByKeyAndWindowInv << qint64(1000) << qint64(30000) << qint64(3000) << qint64(6000) << qint64(6000);
        QTest::newRow("countByWindow 1 s, slide 2 s") << Stateful::CountByWindow << qint64(1000) << qint64(4000) << qint64(2000) << qint64(0) << qint64(10000);
        QTest::newRow("countByValueAndWindow 3 s") << Stateful::CountByValueAndWindow << qint64(3000) << qint64(9000) << qint64(3000) << qint64(0) << qint64(12000);
        // InternalMapWithStateDStream.initialize: slideDuration * 10
        QTest::newRow("mapWithState 100 ms") << Stateful::MapWithState << qint64(100) << qint64(0) << qint64(0) << qint64(0) << qint64(1000);
        QTest::newRow("mapWithState 1 s") << Stateful::MapWithState << qint64(1000) << qint64(0) << qint64(0) << qint64(0) << qint64(10000);
        QTest::newRow("mapWithState 3 s") << Stateful::MapWithState << qint64(3000) << qint64(0) << qint64(0) << qint64(0) << qint64(30000);
        QTest::newRow("mapWithState 10 s") << Stateful::MapWithState << qint64(10000) << qint64(0) << qint64(0) << qint64(0) << qint64(100000);
        QTest::newRow("mapWithState 1 s, explicit 2 s") << Stateful::MapWithState << qint64(1000) << qint64(0) << qint64(0) << qint64(2000) << qint64(2000);
    }
    void defaultCheckpointInterval()
    {
        QFETCH(Stateful, kind);
        QFETCH(qint64, batchMs);
        QFETCH(qint64, windowMs);
        QFETCH(qint64, slideMs);
        QFETCH(qint64, explicitMs);
        QFETCH(qint64, expectedMs);
        Lab lab{Duration(batchMs)};
        const DStreamPtr pairStream = keyedBy(lab.input({strings({"a"})}), 1);
        const DStreamPtr built = buildStateful(kind, pairStream, Duration(windowMs), Duration(slideMs));
        const DStreamPtr stateful = checkpointedStreamOf(built);
        QVERIFY(stateful);
        QVERIFY(!stateful->checkpointDuration().has_value()); // set by initialize at start
        // The user checkpoints what the operation returned (mapWithState forwards to its internal stream).
        if (explicitMs) built->checkpoint(Duration(explicitMs));
        lab.collect(built);
        lab.h.ssc->start();
        QVERIFY(stateful->checkpointDuration().has_value());
        QCOMPARE(stateful->checkpointDuration()->ms(), std::int64_t(expectedMs));
        // §9: the minimum remember duration of a checkpointed stream is 2 x its checkpoint interval.
        QCOMPARE(stateful->rememberDuration().ms(), std::int64_t(expectedMs * 2));
        // Streams without mustCheckpoint get no interval (mapWithState's mapped stream included).
        QVERIFY(!pairStream->checkpointDuration().has_value());
        if (kind == Stateful::MapWithState) QVERIFY(!built->checkpointDuration().has_value());
        lab.h.ssc->stop();
    }

    /// Checkpoint interval checks of DStream.validateAtStart (docs/spark-semantics.md §8.3).
    void checkpointIntervalValidation()
    {
        {
            Lab lab(Duration(2000));
            const DStreamPtr state = ops::updateStateByKey(keyedBy(lab.input({strings({"a"})}), 1), runningSum);
            state->checkpoint(Duration(1000));
            lab.collect(state);
            std::string message;
            EXPECT_RAISES(thrownBy([&] { lab.h.ssc->start(); }), "IllegalArgumentException", message);
            QCOMPARE(QString::fromStdString(message),
                     QStringLiteral("requirement failed: The checkpoint interval for StateDStream has been set to 1000 ms which "
                                    "is lower than its slide time (2000 ms). Please set it to at least 2000 ms."));
            QCOMPARE(lab.h.ssc->state(), StreamingState::STOPPED);
        }
        {
            Lab lab(Duration(2000));
            const DStreamPtr state = ops::updateStateByKey(keyedBy(lab.input({strings({"a"})}), 1), runningSum);
            state->checkpoint(Duration(3000));
            lab.collect(state);
            std::string message;
            EXPECT_RAISES(thrownBy([&] { lab.h.ssc->start(); }), "IllegalArgumentException", message);
            QCOMPARE(QString::fromStdString(message),
                     // DStream.scala: "has been set to " + s" $checkpointDuration" (two spaces)
                     QStringLiteral("requirement failed: The checkpoint interval for StateDStream has been set to  3000 ms which "
                                    "not a multiple of its slide time (2000 ms). Please set it to a multiple of 2000 ms."));
        }
    }

    // ---- §9: remember durations ----

    void rememberDurations()
    {
        Lab lab(Duration(1000));
        const DStreamPtr pairStream = keyedBy(lab.input({strings({"a"})}), 1);
        // a) a plain stream remembers its slide
        const DStreamPtr plain = ops::map(pairStream, [](const Value &v) { return v; });
        lab.collect(plain);
        // b) window(30 s, 5 s): the window remembers its slide; its parent remember + window
        const DStreamPtr mapped = ops::map(pairStream, [](const Value &v) { return v; });
        const DStreamPtr windowed = ops::window(mapped, Duration(30000), Duration(5000));
        lab.collect(windowed);
        // c) updateStateByKey: 2 x checkpoint interval (10 s), and the parent as much
        const DStreamPtr stateParent = ops::map(pairStream, [](const Value &v) { return v; });
        const DStreamPtr state = ops::updateStateByKey(stateParent, runningSum);
        lab.collect(state);
        // d) reduceByKeyAndWindow with inverse (30 s, 1 s): 20 s itself; its per-batch reduceByKey
        //    stream remembers 20 + 30 s, and so does the stream it reduces
        const DStreamPtr winParent = ops::map(pairStream, [](const Value &v) { return v; });
        const DStreamPtr reduced = ops::reduceByKeyAndWindow(winParent, plus, minus, Duration(30000), Duration(1000));
        lab.collect(reduced);
        lab.h.ssc->start();
        QCOMPARE(plain->rememberDuration().ms(), std::int64_t(1000));
        QCOMPARE(windowed->rememberDuration().ms(), std::int64_t(5000));
        QCOMPARE(mapped->rememberDuration().ms(), std::int64_t(35000));
        QCOMPARE(state->rememberDuration().ms(), std::int64_t(20000));
        QCOMPARE(stateParent->rememberDuration().ms(), std::int64_t(20000));
        QCOMPARE(reduced->rememberDuration().ms(), std::int64_t(20000));
        const DStreamPtr perBatch = reduced->dependencies().at(0);
        QCOMPARE(QString::fromStdString(perBatch->className()), QStringLiteral("ShuffledDStream"));
        QCOMPARE(perBatch->rememberDuration().ms(), std::int64_t(50000));
        QCOMPARE(winParent->rememberDuration().ms(), std::int64_t(50000));
        // The shared parents remember the largest request: 50 s.
        QCOMPARE(pairStream->rememberDuration().ms(), std::int64_t(50000));

        // clearMetadata keeps exactly what the remember durations say, 60 batches in.
        lab.h.ssc->awaitTerminationOrTimeout(Duration(60000));
        lab.h.ssc->awaitTerminationOrTimeout(Duration(999));
        QCOMPARE(state->generatedRDDs().rbegin()->first.ms(), std::int64_t(60000));
        auto keys = [](const DStreamPtr &s) {
            Ms out;
            for (const auto &[t, r] : s->generatedRDDs()) out.push_back(t.ms());
            return out;
        };
        QCOMPARE(keys(windowed), (Ms{60000}));                 // (60 - 5, 60]
        QCOMPARE(keys(state).size(), std::size_t(20));         // (40, 60]
        QCOMPARE(keys(state).front(), std::int64_t(41000));
        QCOMPARE(keys(perBatch).size(), std::size_t(50));      // (10, 60]
        QCOMPARE(keys(perBatch).front(), std::int64_t(11000));
        QCOMPARE(keys(mapped).size(), std::size_t(35));        // (25, 60]
        lab.h.ssc->stop();

        // e) ssc.remember raises every stream to at least that much
        Lab lab2(Duration(1000));
        const DStreamPtr p2 = ops::map(keyedBy(lab2.input({strings({"a"})}), 1), [](const Value &v) { return v; });
        const DStreamPtr w2 = ops::window(p2, Duration(4000), Duration(2000));
        lab2.collect(w2);
        lab2.h.ssc->remember(Duration(60000));
        lab2.h.ssc->start();
        QCOMPARE(w2->rememberDuration().ms(), std::int64_t(60000));
        QCOMPARE(p2->rememberDuration().ms(), std::int64_t(64000));
        lab2.h.ssc->stop();
    }

    // ---- lineage truncation at RDD checkpoints ----

    void lineageTruncation_data()
    {
        QTest::addColumn<Stateful>("kind");
        QTest::newRow("updateStateByKey") << Stateful::UpdateStateByKey;
        QTest::newRow("mapWithState") << Stateful::MapWithState;
        QTest::newRow("reduceByKeyAndWindow with inverse") << Stateful::ReduceByKeyAndWindowInv;
    }
    void lineageTruncation()
    {
        QFETCH(Stateful, kind);
        Lab lab(Duration(1000));
        std::vector<Records> input;
        for (int i = 0; i < 30; ++i) input.push_back(strings({"a", "b", i % 2 ? "c" : "d"}));
        const DStreamPtr built = buildStateful(kind, keyedBy(lab.input(input), 1), Duration(5000), Duration(1000));
        const DStreamPtr stateful = checkpointedStreamOf(built);
        lab.collect(built);
        lab.h.ssc->start();
        // Batch by batch: the lineage of the state RDD of that batch, after its jobs ran.
        std::vector<int> nodes;
        std::vector<bool> cut;
        lab.h.ssc->awaitTerminationOrTimeout(Duration(500)); // half a batch behind: each batch's jobs are done
        for (int b = 1; b <= 25; ++b) {
            lab.h.ssc->awaitTerminationOrTimeout(Duration(1000));
            const SimTime t(1000LL * b);
            QVERIFY2(stateful->generatedRDDs().count(t), ("no state RDD at batch " + std::to_string(b)).c_str());
            const RDDPtr rdd = stateful->generatedRDDs().at(t);
            nodes.push_back(debugStringNodes(rdd));
            cut.push_back(rdd->isCheckpointed());
            const std::string text = rdd->toDebugString();
            const bool mentionsCheckpoint = text.find("ReliableCheckpointRDD[") != std::string::npos;
            // Checkpoint interval 10 s: batches 10 and 20 are checkpointed.
            QCOMPARE(rdd->isCheckpointMarked(), b % 10 == 0);
            QCOMPARE(rdd->isCheckpointed(), b % 10 == 0);
            if (b % 10 == 0) {
                // Cut to the RDD itself over its ReliableCheckpointRDD.
                QCOMPARE(nodes.back(), 2);
                QVERIFY2(QString::fromStdString(text).split(QLatin1Char('\n')).last().contains(QStringLiteral("ReliableCheckpointRDD[")),
                         text.c_str());
                QCOMPARE(static_cast<int>(rdd->dependencies().size()), 1);
            }
            // Before the first checkpoint no lineage mentions one; after it, every lineage ends in one.
            QCOMPARE(mentionsCheckpoint, b >= 10);
        }
        lab.h.ssc->stop();
        // Between checkpoints the lineage grows batch after batch.
        for (int b = 2; b <= 25; ++b)
            if (b % 10 != 0 && (b - 1) % 10 != 0)
                QVERIFY2(nodes[b - 1] > nodes[b - 2], ("batch " + std::to_string(b) + ": " + std::to_string(nodes[b - 1]) +
                                                       " nodes, batch before " + std::to_string(nodes[b - 2]))
                                                          .c_str());
        // Right after a checkpoint it starts again from the checkpointed RDD: shorter than before it.
        QVERIFY(nodes[10] < nodes[8]);
        QVERIFY(nodes[20] < nodes[18]);
        // And the growth per batch is the same in every interval (the lineage never accumulates).
        QCOMPARE(nodes[14] - nodes[10], nodes[24] - nodes[20]);
    }

    void checkpointDirectoryIsCreated()
    {
        // StreamingContext.checkpoint: fs.mkdirs(path) -- nested folders are created; a path under
        // a regular file cannot be, and fails with Hadoop's message.
        QTemporaryDir tmp;
        Harness h(Duration(1000));
        const QString nested = tmp.filePath(QStringLiteral("a/b/checkpoint"));
        h.ssc->checkpoint(nested.toStdString());
        QVERIFY(QDir(nested).exists());
        QCOMPARE(*h.ssc->checkpointDir(), nested.toStdString());
        QFile file(tmp.filePath(QStringLiteral("plain-file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const std::string bad = tmp.filePath(QStringLiteral("plain-file/checkpoint")).toStdString();
        std::string message;
        EXPECT_RAISES(thrownBy([&] { h.ssc->checkpoint(bad); }), "IOException", message);
        QCOMPARE(QString::fromStdString(message), QString::fromStdString("Mkdirs failed to create " + bad));
    }
};

QTEST_APPLESS_MAIN(TestCheckpoints)
#include "tst_checkpoints.moc"
