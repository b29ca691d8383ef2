// Qt Test: how a batch's Spark jobs become stages and tasks on cores (DAGScheduler.scala,
// TaskSchedulerImpl.scala, LocalSchedulerBackend.scala), the engine snapshot, RDD scopes
// (DStream.makeScope + UIUtils.formatBatchTime), the event queue's total order and the settings
// spark.default.parallelism, local[*] and spark.streaming.unpersist.
//
// Expected behaviour comes from Spark's rules, not from running the engine:
//  - a job is cut into stages at shuffle dependencies: one ShuffleMapStage per shuffle, then the
//    ResultStage; parents are created first, so stage ids grow towards the result stage;
//  - a stage runs one task per partition of its last RDD: a BlockRDD has one partition per
//    block, a ShuffledRDD as many as its partitioner;
//  - a receiver holds its core, so tasks run only on the others, one task per core at a time.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/enginesnapshot.h"
#include "engine/eventqueue.h"
#include "engine/rdds.h"
#include "engine/timeformat.h"
#endif

#include <QtTest>

#include <algorithm>
#include <set>

using namespace testkit;

namespace {

/// How a test pipeline is built on top of the socket stream (all end in foreachRDD + collect).
enum class Pipeline { Narrow, OneShuffle, TwoShuffles };

Value pairWithOne(const Value &w)
{
    return Value::pair(w, Value(1));
}
Value plus(const Value &a, const Value &b)
{
    return Value(a.asInt() + b.asInt());
}

DStreamPtr build(Pipeline p, const DStreamPtr &lines)
{
    auto words = ops::flatMap(lines, splitWords);
    if (p == Pipeline::Narrow) return ops::map(words, pairWithOne);
    auto counts = ops::reduceByKey(ops::map(words, pairWithOne), plus, 3);
    if (p == Pipeline::OneShuffle) return counts;
    // map drops the partitioner, so groupByKey shuffles again
    auto swapped = ops::map(counts, [](const Value &kv) { return Value::pair(kv[1], kv[0]); });
    return ops::groupByKey(swapped, 1);
}

/// A socket stream fed `lines` (time offset in ms from start -> text), run for `seconds`.
struct SocketRun {
    SocketRun(const std::string &master, const std::vector<std::pair<int, std::string>> &lines, int receivers = 1)
        : d(master)
    {
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        std::vector<DStreamPtr> streams;
        for (int r = 0; r < receivers; ++r) streams.push_back(ssc->socketTextStream("localhost", 9999 + r));
        input = receivers == 1 ? streams.front() : ops::unionStreams(streams);
        for (int r = 0; r < receivers; ++r) {
            d.sim.inputLog().listen(9999 + r); // `nc -lk PORT`: the receiver can connect
            for (const auto &[ms, text] : lines) d.sim.inputLog().addLine(kT0 + Duration(ms), text, 9999 + r);
        }
    }
    void run(const DStreamPtr &out, Duration howLong)
    {
        ops::foreachRDD(out, [this](const RDDPtr &rdd, SimTime) { d.sc->collect(rdd); });
        ssc->start();
        ssc->awaitTerminationOrTimeout(howLong);
    }
    /// The completed jobs of the batch at kT0 + k seconds.
    std::vector<JobInfo> jobsOfBatch(int k) const
    {
        std::vector<JobInfo> out;
        for (const auto &j : d.rec.jobs)
            if (j.batchTime == kT0 + Duration(1000LL * k)) out.push_back(j);
        return out;
    }
    Driver d;
    std::unique_ptr<StreamingContext> ssc;
    DStreamPtr input;
};

/// Lines at 150 ms and 350 ms: the receiver connects at 100 ms, blocks are cut every 200 ms, so
/// the first batch holds two blocks (cut at 200 ms and 400 ms) -> a BlockRDD of 2 partitions.
const std::vector<std::pair<int, std::string>> kTwoBlocks = {{150, "a b a"}, {350, "c a"}};

} // namespace

class TestDagScheduler : public QObject {
    Q_OBJECT

private slots:
    void stagesCutAtShuffles_data();
    void stagesCutAtShuffles();
    void tasksRunOnlyOnCoresNotHeldByReceivers_data();
    void tasksRunOnlyOnCoresNotHeldByReceivers();
    void rddScopeNamesOperatorAndBatchTime_data();
    void rddScopeNamesOperatorAndBatchTime();
    void eventQueueOrder_data();
    void eventQueueOrder();
    void defaultParallelismSetsShufflePartitions_data();
    void defaultParallelismSetsShufflePartitions();
    void unpersistSetting_data();
    void unpersistSetting();
    void snapshotIsAValueCopy();
    void getActiveOrCreate();
};

void TestDagScheduler::stagesCutAtShuffles_data()
{
    QTest::addColumn<int>("pipeline");
    QTest::addColumn<QList<bool>>("isShuffleMap"); // per stage, in stage-id order
    QTest::addColumn<QList<int>>("numTasks");      // per stage, in stage-id order

    QTest::newRow("narrow-pipeline-is-one-result-stage-with-a-task-per-block")
        << int(Pipeline::Narrow) << QList<bool>{false} << QList<int>{2};
    QTest::newRow("reduceByKey-cuts-a-shuffle-map-stage-per-block-then-a-result-stage-per-partition")
        << int(Pipeline::OneShuffle) << QList<bool>{true, false} << QList<int>{2, 3};
    QTest::newRow("map-after-reduceByKey-then-groupByKey-cuts-two-shuffles")
        << int(Pipeline::TwoShuffles) << QList<bool>{true, true, false} << QList<int>{2, 3, 1};
}

void TestDagScheduler::stagesCutAtShuffles()
{
    QFETCH(int, pipeline);
    QFETCH(QList<bool>, isShuffleMap);
    QFETCH(QList<int>, numTasks);
    SocketRun r("local[2]", kTwoBlocks);
    r.run(build(Pipeline(pipeline), r.input), 1500_ms);

    const auto jobs = r.jobsOfBatch(1);
    QCOMPARE(int(jobs.size()), 1); // one collect -> one Spark job
    auto stages = jobs.front().stages;
    std::sort(stages.begin(), stages.end(), [](const StageInfo &a, const StageInfo &b) { return a.stageId < b.stageId; });
    QCOMPARE(int(stages.size()), int(isShuffleMap.size()));
    for (int i = 0; i < int(stages.size()); ++i) {
        QCOMPARE(stages[i].isShuffleMap, isShuffleMap[i]);
        QCOMPARE(stages[i].numTasks, numTasks[i]);
        // each stage depends on the one before it (a chain of shuffles)
        if (i > 0) QCOMPARE(stages[i].parentIds, std::vector<int>{stages[i - 1].stageId});
        else QVERIFY(stages[i].parentIds.empty());
    }
    // one task attempt per partition of each stage, all succeeded
    int expectedTasks = 0;
    for (int n : numTasks) expectedTasks += n;
    QCOMPARE(int(jobs.front().tasks.size()), expectedTasks);
    QVERIFY(jobs.front().succeeded);
}

void TestDagScheduler::tasksRunOnlyOnCoresNotHeldByReceivers_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<int>("receivers");
    QTest::addColumn<int>("taskCores"); // distinct cores the batch's tasks use

    QTest::newRow("local-2-one-receiver-leaves-one-core-for-tasks") << QStringLiteral("local[2]") << 1 << 1;
    QTest::newRow("local-3-one-receiver-leaves-two-cores-for-tasks") << QStringLiteral("local[3]") << 1 << 2;
    QTest::newRow("local-4-two-receivers-leave-two-cores-for-tasks") << QStringLiteral("local[4]") << 2 << 2;
    QTest::newRow("local-star-is-4-cores-here-one-receiver-leaves-three") << QStringLiteral("local[*]") << 1 << 3;
}

void TestDagScheduler::tasksRunOnlyOnCoresNotHeldByReceivers()
{
    QFETCH(QString, master);
    QFETCH(int, receivers);
    QFETCH(int, taskCores);
    // Four blocks per receiver in batch 1, so there are more tasks than free cores.
    SocketRun r(master.toStdString(), {{150, "a b"}, {350, "c d"}, {550, "e f"}, {750, "g h"}}, receivers);
    r.run(build(Pipeline::OneShuffle, r.input), 1500_ms);

    std::set<int> receiverCores;
    for (const auto &[t, core] : r.d.rec.receiverStarts) receiverCores.insert(core);
    QCOMPARE(int(receiverCores.size()), receivers);

    const auto jobs = r.jobsOfBatch(1);
    QCOMPARE(int(jobs.size()), 1);
    std::set<int> used;
    std::map<int, std::vector<const TaskInfo *>> byCore;
    for (const auto &t : jobs.front().tasks) {
        QVERIFY2(!receiverCores.count(t.core), qPrintable(QStringLiteral("task on receiver core %1").arg(t.core)));
        used.insert(t.core);
        byCore[t.core].push_back(&t);
    }
    QCOMPARE(int(used.size()), taskCores);
    // one task at a time per core: the attempts on a core never overlap in time
    for (auto &[core, tasks] : byCore) {
        std::sort(tasks.begin(), tasks.end(), [](auto *a, auto *b) { return a->launchTime < b->launchTime; });
        for (std::size_t i = 1; i < tasks.size(); ++i) QVERIFY(tasks[i - 1]->finishTime <= tasks[i]->launchTime);
    }
}

void TestDagScheduler::rddScopeNamesOperatorAndBatchTime_data()
{
    QTest::addColumn<qint64>("batchMs");
    QTest::addColumn<QString>("scope"); // of the reduceByKey's ShuffledRDD in the first batch

    // UIUtils.formatBatchTime: "HH:mm:ss", with ".SSS" only when the batch interval is under 1 s.
    QTest::newRow("one-second-batches-show-whole-seconds") << qint64(1000) << QStringLiteral("reduceByKey @ 10:00:01");
    QTest::newRow("two-second-batches-show-whole-seconds") << qint64(2000) << QStringLiteral("reduceByKey @ 10:00:02");
    QTest::newRow("half-second-batches-show-milliseconds") << qint64(500) << QStringLiteral("reduceByKey @ 10:00:00.500");
}

void TestDagScheduler::rddScopeNamesOperatorAndBatchTime()
{
    QFETCH(qint64, batchMs);
    QFETCH(QString, scope);
    qputenv("TZ", "UTC");
    tzset();
    Driver d;
    StreamingContext ssc(*d.sc, Duration(batchMs));
    auto q = std::make_shared<std::deque<RDDPtr>>();
    q->push_back(d.sc->parallelize({Value(QStringLiteral("a").toStdString())}, 1));
    auto counts = ops::reduceByKey(ops::map(ssc.queueStream(q), pairWithOne), plus, 1);
    std::string seen;
    ops::foreachRDD(counts, [&seen](const RDDPtr &rdd, SimTime) {
        if (seen.empty()) seen = rdd->scope();
    });
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(batchMs + batchMs / 2));
    QCOMPARE(QString::fromStdString(seen), scope);
}

void TestDagScheduler::eventQueueOrder_data()
{
    // Each event: (time ms, priority, name), pushed in this order.
    QTest::addColumn<QStringList>("events"); // "time:priority:name"
    QTest::addColumn<QStringList>("order");  // names in the order they pop

    QTest::newRow("earlier-time-first") << QStringList{u"200:0:b"_qs, u"100:60:a"_qs} << QStringList{u"a"_qs, u"b"_qs};
    QTest::newRow("same-time-lower-priority-first")
        << QStringList{u"100:30:batch"_qs, u"100:20:block"_qs, u"100:40:task"_qs}
        << QStringList{u"block"_qs, u"batch"_qs, u"task"_qs};
    QTest::newRow("same-time-same-priority-in-push-order")
        << QStringList{u"100:30:first"_qs, u"100:30:second"_qs, u"100:30:third"_qs}
        << QStringList{u"first"_qs, u"second"_qs, u"third"_qs};
}

void TestDagScheduler::eventQueueOrder()
{
    QFETCH(QStringList, events);
    QFETCH(QStringList, order);
    EventQueue q;
    for (const QString &e : events) {
        const QStringList f = e.split(u':');
        q.push(SimTime(f[0].toLongLong()), EventPriority(f[1].toInt()), f[2].toStdString(), [] {});
    }
    QStringList popped;
    while (!q.empty()) popped << QString::fromStdString(q.pop().kind);
    QCOMPARE(popped, order);
}

void TestDagScheduler::defaultParallelismSetsShufflePartitions_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QString>("parallelism"); // spark.default.parallelism, empty: unset
    QTest::addColumn<int>("partitions");

    // LocalSchedulerBackend.defaultParallelism: the conf value, else the number of cores.
    QTest::newRow("unset-local-2-uses-2-cores") << QStringLiteral("local[2]") << QString() << 2;
    QTest::newRow("unset-local-star-uses-the-4-host-cores") << QStringLiteral("local[*]") << QString() << 4;
    QTest::newRow("set-to-5-wins-over-cores") << QStringLiteral("local[2]") << QStringLiteral("5") << 5;
}

void TestDagScheduler::defaultParallelismSetsShufflePartitions()
{
    QFETCH(QString, master);
    QFETCH(QString, parallelism);
    QFETCH(int, partitions);
    std::map<std::string, std::string> conf;
    if (!parallelism.isEmpty()) conf["spark.default.parallelism"] = parallelism.toStdString();
    Driver d(master.toStdString(), kT0, 42, conf);
    QCOMPARE(d.sc->defaultParallelism(), partitions);
    StreamingContext ssc(*d.sc, 1_s);
    auto q = std::make_shared<std::deque<RDDPtr>>();
    q->push_back(d.sc->parallelize({Value(1), Value(2)}, 1));
    auto counts = ops::reduceByKey(ops::map(ssc.queueStream(q), pairWithOne), plus); // no numPartitions
    int seen = -1;
    ops::foreachRDD(counts, [&seen](const RDDPtr &rdd, SimTime) {
        if (seen < 0) seen = rdd->numPartitions();
    });
    ssc.start();
    ssc.awaitTerminationOrTimeout(1500_ms);
    QCOMPARE(seen, partitions);
}

void TestDagScheduler::unpersistSetting_data()
{
    QTest::addColumn<QString>("unpersist");
    QTest::addColumn<bool>("stillCached");
    QTest::addColumn<bool>("blocksKept");

    // DStream.clearMetadata: with spark.streaming.unpersist (default true) old RDDs are unpersisted
    // and a BlockRDD's blocks removed; with false both stay.
    QTest::newRow("default-true-unpersists-old-rdds-and-removes-blocks") << QString() << false << false;
    QTest::newRow("false-keeps-old-rdds-cached-and-blocks") << QStringLiteral("false") << true << true;
}

void TestDagScheduler::unpersistSetting()
{
    QFETCH(QString, unpersist);
    QFETCH(bool, stillCached);
    QFETCH(bool, blocksKept);
    std::map<std::string, std::string> conf;
    if (!unpersist.isEmpty()) conf["spark.streaming.unpersist"] = unpersist.toStdString();
    Driver d("local[2]", kT0, 42, conf);
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    auto mapped = ops::map(lines, [](const Value &v) { return v; });
    mapped->persist(StorageLevel::MEMORY_ONLY());
    d.sim.inputLog().listen(9999);
    d.sim.inputLog().addLine(kT0 + 150_ms, "a", 9999);
    RDDPtr first, firstBlocks;
    ops::foreachRDD(mapped, [&](const RDDPtr &rdd, SimTime) {
        if (!first) {
            first = rdd;
            d.sc->collect(rdd);
            firstBlocks = rdd->dependencies().front().rdd;
        }
    });
    ssc.start();
    ssc.awaitTerminationOrTimeout(10_s); // far past the remember duration (one batch)
    QVERIFY(first && firstBlocks);
    QCOMPARE(first->storageLevel() != StorageLevel::NONE(), stillCached);
    auto *block = dynamic_cast<BlockRDD *>(firstBlocks.get());
    QVERIFY2(block, "the map's parent is the receiver's BlockRDD");
    QCOMPARE(block->isValid(), blocksKept);
}

void TestDagScheduler::snapshotIsAValueCopy()
{
    SocketRun r("local[2]", kTwoBlocks);
    EngineSnapshot before = r.d.sim.snapshot();
    QVERIFY(!before.streamingState); // nothing started yet
    r.run(build(Pipeline::OneShuffle, r.input), 2500_ms);
    EngineSnapshot s = r.d.sim.snapshot();
    QCOMPARE(s.now, kT0 + 2500_ms);
    QCOMPARE(s.streamingState, std::optional<StreamingState>(StreamingState::ACTIVE));
    QCOMPARE(s.batchDuration, 1_s);
    QCOMPARE(int(s.batches.size()), 2); // 10:00:01 and 10:00:02
    QCOMPARE(s.batches.front().batchTime, kT0 + 1_s);
    QCOMPARE(s.batches.front().numRecords(), std::int64_t(2));
    QCOMPARE(int(s.receivers.size()), 1);
    QCOMPARE(int(s.cores.size()), 2);
    QCOMPARE(s.fingerprint, r.d.sim.fingerprint());
    QCOMPARE(s.inputLogRecords, std::size_t(2));
    // a copy: running on does not change the snapshot already taken
    r.ssc->awaitTerminationOrTimeout(2_s);
    QCOMPARE(int(s.batches.size()), 2);
    QCOMPARE(int(r.d.sim.snapshot().batches.size()), 4);
    r.ssc->stop(false, false);
    QCOMPARE(r.d.sim.snapshot().streamingState, std::optional<StreamingState>(StreamingState::STOPPED));
    r.ssc.reset(); // a destroyed context is forgotten, never read
    QVERIFY(!r.d.sim.snapshot().streamingState);
}

void TestDagScheduler::getActiveOrCreate()
{
    // StreamingContext.getActiveOrCreate: the active context if there is one, else a new one.
    Driver d;
    std::unique_ptr<StreamingContext> made;
    int calls = 0;
    auto create = [&]() -> StreamingContext & {
        ++calls;
        made = std::make_unique<StreamingContext>(*d.sc, 1_s);
        ops::pprint(made->queueStream(std::make_shared<std::deque<RDDPtr>>()));
        return *made;
    };
    StreamingContext &first = StreamingContext::getActiveOrCreate(d.sim, create);
    QCOMPARE(calls, 1);
    QCOMPARE(first.state(), StreamingState::INITIALIZED); // created, not started
    first.start();
    StreamingContext &again = StreamingContext::getActiveOrCreate(d.sim, create);
    QCOMPARE(calls, 1);
    QCOMPARE(&again, &first);
    first.stop(false, false);
    StreamingContext &fresh = StreamingContext::getActiveOrCreate(d.sim, create);
    QCOMPARE(calls, 2);
    QCOMPARE(fresh.state(), StreamingState::INITIALIZED);
}

QTEST_APPLESS_MAIN(TestDagScheduler)
#include "tst_dagscheduler.moc"
