// Qt Test: failed task attempts and their retries as Spark's TaskSetManager runs them, and faults
// injected into a run (engine/faults.h, `dstreamlab run --faults`).
//
// Expected behaviour from Spark's sources (core/src/main/scala/org/apache/spark/scheduler/):
//  - TaskSetManager.handleFailedTask logs "Lost task P.A in stage S.0 (TID T) (host executor
//    driver): reason" and puts the partition back in its pending tasks (addPendingTask): the next
//    attempt (A + 1, same partition, a new TID) launches after the failed one has ended;
//  - a stage's first attempts launch together, so their TIDs come first, retries after;
//  - after maxTaskFailures failures of one partition the task set aborts: "Task P in stage S.0
//    failed F times, most recent failure: Lost task ..." (SparkContext.createTaskScheduler:
//    local[N] allows 1 attempt, local[N,F] F);
//  - a fault fails the first matching task computed at or after its time, after the task's
//    function ran (the side effect stays), once.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/faults.h"
#include "engine/rddops.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

/// A queue stream whose batch 1 s is parallelize(records, partitions), with a foreachRDD that
/// runs `f` on every record in a task (as foreachPartition) through count().
struct ForeachRun {
    ForeachRun(const std::string &master, int partitions, std::function<void(const Value &)> f)
        : d(master), ssc(*d.sc, 1_s)
    {
        auto q = std::make_shared<std::deque<RDDPtr>>();
        Records recs;
        for (int i = 0; i < 4; ++i) recs.emplace_back(i);
        q->push_back(d.sc->parallelize(recs, partitions));
        auto input = ssc.queueStream(q);
        ops::foreachRDD(input, [this, f](const RDDPtr &rdd, SimTime) {
            auto touched = ops::map(rdd, [f](const Value &v) {
                f(v);
                return v;
            });
            d.sc->count(touched);
        });
    }
    std::string runOneBatch()
    {
        ssc.start();
        std::string error;
        try {
            ssc.awaitTerminationOrTimeout(Duration(1500));
        } catch (const SparkError &e) {
            error = e.message();
        }
        ssc.stop(true, false);
        return error;
    }
    std::vector<std::string> lost() const
    {
        std::vector<std::string> out;
        for (const auto &l : d.rec.logs)
            if (l.level == LogLevel::Warn && l.source == "TaskSetManager") out.push_back(l.message);
        return out;
    }
    Driver d;
    StreamingContext ssc;
};

} // namespace

class TestTaskRetries : public QObject {
    Q_OBJECT

private slots:
    void retryRunsAfterTheFailedAttempt();
    void abortMessageIsSparks();
    void faultScript_data();
    void faultScript();
    void faultFailsAfterTheFunctionRan_data();
    void faultFailsAfterTheFunctionRan();
};

void TestTaskRetries::retryRunsAfterTheFailedAttempt()
{
    // Two partitions of two records on local[2,3]; record 0 (partition 0) fails its first two
    // attempts. Spark: TIDs 0 and 1 launch together, partition 0 retries as TID 2, then TID 3.
    int failuresLeft = 2;
    ForeachRun run("local[2,3]", 2, [&failuresLeft](const Value &v) {
        if (v.asInt() == 0 && failuresLeft > 0) {
            --failuresLeft;
            throw UserCodeError("ValueError", "database down");
        }
    });
    QCOMPARE(run.runOneBatch(), std::string());
    QCOMPARE(run.d.rec.jobs.size(), std::size_t(1));
    const auto &tasks = run.d.rec.jobs[0].tasks;
    QCOMPARE(tasks.size(), std::size_t(4));
    std::map<int, TaskInfo> byTid;
    for (const auto &t : tasks) byTid[t.taskId] = t;
    QCOMPARE(byTid.size(), std::size_t(4));
    // TID: partition.attempt, failed
    QCOMPARE(byTid[0].partition, 0);
    QCOMPARE(byTid[0].attempt, 0);
    QVERIFY(byTid[0].failed);
    QCOMPARE(byTid[1].partition, 1);
    QCOMPARE(byTid[1].attempt, 0);
    QVERIFY(!byTid[1].failed);
    QCOMPARE(byTid[2].partition, 0);
    QCOMPARE(byTid[2].attempt, 1);
    QVERIFY(byTid[2].failed);
    QCOMPARE(byTid[3].partition, 0);
    QCOMPARE(byTid[3].attempt, 2);
    QVERIFY(!byTid[3].failed);
    // The first attempts launch together; each retry only once its failed attempt has ended.
    QCOMPARE(byTid[0].launchTime, byTid[1].launchTime);
    QVERIFY(byTid[2].launchTime >= byTid[0].finishTime);
    QVERIFY(byTid[3].launchTime >= byTid[2].finishTime);
    const auto lost = run.lost();
    QCOMPARE(lost.size(), std::size_t(2));
    QCOMPARE(lost[0].substr(0, lost[0].find(':')),
             std::string("Lost task 0.0 in stage 0.0 (TID 0) (localhost executor driver)"));
    QCOMPARE(lost[1].substr(0, lost[1].find(':')),
             std::string("Lost task 0.1 in stage 0.0 (TID 2) (localhost executor driver)"));
    QVERIFY2(lost[0].find("ValueError: database down") != std::string::npos, lost[0].c_str());
    // The batch succeeded: its output operation has no failure.
    QCOMPARE(run.d.rec.completed.size(), std::size_t(1));
    QVERIFY(!run.d.rec.completed[0].hasFailure());
}

void TestTaskRetries::abortMessageIsSparks()
{
    ForeachRun run("local[2,2]", 1, [](const Value &v) {
        if (v.asInt() == 3) throw UserCodeError("ValueError", "rejected");
    });
    const std::string error = run.runOneBatch();
    QCOMPARE(error.substr(0, error.find("ValueError")),
             std::string("Job aborted due to stage failure: Task 0 in stage 0.0 failed 2 times, most recent failure: "
                         "Lost task 0.1 in stage 0.0 (TID 1) (localhost executor driver): "));
    QVERIFY2(error.find("rejected\nDriver stacktrace:") != std::string::npos, error.c_str());
    QCOMPARE(run.d.rec.count(LogLevel::Error, "Task 0 in stage 0.0 failed 2 times; aborting job"), 1);
    QCOMPARE(run.d.rec.completed.size(), std::size_t(1));
    QVERIFY(run.d.rec.completed[0].hasFailure());
}

void TestTaskRetries::faultScript_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: parses
    QTest::addColumn<int>("faults");
    QTest::addColumn<qint64>("firstOffsetMs");
    QTest::addColumn<int>("firstOutput"); // -1: no selector

    QTest::newRow("comments-and-blank-lines-are-skipped")
        << QStringLiteral("# a comment\n\n1.5\tfail-task output=0\n3\tfail-task\n") << QString() << 2 << 1500LL << 0;
    QTest::newRow("every-selector") << QStringLiteral("0.25\tfail-task stage=3 output=1 partition=0\n") << QString()
                                    << 1 << 250LL << 1;
    QTest::newRow("unknown-action-names-file-and-line")
        << QStringLiteral("# x\n1\tpause-executor\n")
        << QStringLiteral("f.tsv line 2: unknown action 'pause-executor' (known: "
                          "fail-task [stage=N] [output=N] [partition=N], kill-receiver N, kill-executor N, kill-driver, slow-executor N FACTOR)")
        << 0 << 0LL << -1;
    QTest::newRow("no-tab") << QStringLiteral("1 fail-task\n")
                            << QStringLiteral("f.tsv line 1: expected SECONDS<TAB>ACTION, e.g. '3.5<TAB>fail-task "
                                              "output=0'")
                            << 0 << 0LL << -1;
    QTest::newRow("negative-seconds") << QStringLiteral("-1\tfail-task\n")
                                      << QStringLiteral("f.tsv line 1: expected SECONDS<TAB>ACTION, e.g. "
                                                        "'3.5<TAB>fail-task output=0'")
                                      << 0 << 0LL << -1;
    QTest::newRow("bad-selector") << QStringLiteral("1\tfail-task batch=2\n")
                                  << QStringLiteral("f.tsv line 1: fail-task takes stage=N, output=N or partition=N "
                                                    "(N a whole number from 0), not 'batch=2'")
                                  << 0 << 0LL << -1;
    QTest::newRow("selector-twice") << QStringLiteral("1\tfail-task stage=1 stage=2\n")
                                    << QStringLiteral("f.tsv line 1: fail-task names stage= twice") << 0 << 0LL << -1;
}

void TestTaskRetries::faultScript()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(int, faults);
    QFETCH(qint64, firstOffsetMs);
    QFETCH(int, firstOutput);
    std::vector<FaultLine> out;
    std::string err;
    const bool ok = parseFaultScript(text.toStdString(), "f.tsv", out, err);
    QCOMPARE(QString::fromStdString(err), error);
    QCOMPARE(ok, error.isEmpty());
    if (!ok) return;
    QCOMPARE(static_cast<int>(out.size()), faults);
    QCOMPARE(out[0].offset, Duration(firstOffsetMs));
    QCOMPARE(std::get<TaskFault>(out[0].fault).outputOpId.value_or(-1), firstOutput);
}

void TestTaskRetries::faultFailsAfterTheFunctionRan_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QString>("action");
    QTest::addColumn<qint64>("atMs"); // after the run's start
    QTest::addColumn<int>("calls");   // the function's calls on record 0 (partition 0)
    QTest::addColumn<bool>("batchFails");

    QTest::newRow("local-2-2-retries-and-the-write-happens-twice")
        << QStringLiteral("local[2,2]") << QStringLiteral("fail-task output=0") << 1000LL << 2 << false;
    QTest::newRow("local-2-fails-the-batch-after-one-write")
        << QStringLiteral("local[2]") << QStringLiteral("fail-task") << 1000LL << 1 << true;
    QTest::newRow("a-fault-after-the-batch-never-fires")
        << QStringLiteral("local[2,2]") << QStringLiteral("fail-task") << 1500LL << 1 << false;
    QTest::newRow("a-stage-no-task-runs-in-never-fires")
        << QStringLiteral("local[2,2]") << QStringLiteral("fail-task stage=7") << 0LL << 1 << false;
    QTest::newRow("another-output-never-fires")
        << QStringLiteral("local[2,2]") << QStringLiteral("fail-task output=1") << 0LL << 1 << false;
}

void TestTaskRetries::faultFailsAfterTheFunctionRan()
{
    QFETCH(QString, master);
    QFETCH(QString, action);
    QFETCH(qint64, atMs);
    QFETCH(int, calls);
    QFETCH(bool, batchFails);
    int seen = 0;
    ForeachRun run(master.toStdString(), 2, [&seen](const Value &v) {
        if (v.asInt() == 0) ++seen;
    });
    Fault parsed;
    std::string err;
    QVERIFY(parseFaultAction(action.toStdString(), "faults line 1", parsed, err));
    TaskFault fault = std::get<TaskFault>(parsed);
    fault.at = kT0 + Duration(atMs);
    const std::uint64_t before = run.d.sim.fingerprint();
    run.d.sim.addTaskFault(fault);
    QVERIFY(run.d.sim.fingerprint() != before); // recorded like input
    const std::string error = run.runOneBatch();
    QCOMPARE(seen, calls);
    QCOMPARE(!error.empty(), batchFails);
    QCOMPARE(run.d.rec.completed.size(), std::size_t(1));
    QCOMPARE(run.d.rec.completed[0].hasFailure(), batchFails);
    const bool fired = run.d.sim.taskFaults().at(0).fired;
    QCOMPARE(fired, calls == 2 || batchFails);
    if (fired) {
        const auto lost = run.lost();
        QCOMPARE(lost.size(), std::size_t(1));
        QVERIFY2(lost[0].find("): org.apache.spark.SparkException: DStream Lab fault " + action.toStdString() +
                              " at 1 s (faults line 1): the task failed after its function ran") != std::string::npos,
                 lost[0].c_str());
    }
}

QTEST_APPLESS_MAIN(TestTaskRetries)
#include "tst_taskretries.moc"
